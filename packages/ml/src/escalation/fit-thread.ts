// Worker-thread entry: one escalation fit, so the process's event loop keeps serving while it runs.
import { parentPort, workerData } from 'node:worker_threads';
import { type EscalationExample, type EscalationFitOptions, fitEscalation } from './fit.ts';

const { examples, options } = workerData as { examples: EscalationExample[]; options: EscalationFitOptions };
parentPort!.postMessage(fitEscalation(examples, options));
