// Worker-thread entry: trains one head so heads train in parallel and the caller's event loop stays free.
import { parentPort, workerData } from 'node:worker_threads';
import type { HeadJob } from './fit-head.ts';
import { fitHead } from './fit-head.ts';

const port = parentPort!;
const fit = fitHead(workerData as HeadJob, (units) => port.postMessage({ type: 'progress', units }));
port.postMessage({ type: 'done', fit }, [fit.weights.weights.buffer as ArrayBuffer, fit.weights.bias.buffer as ArrayBuffer]);
