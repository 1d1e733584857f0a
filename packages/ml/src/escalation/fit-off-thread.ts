import { Worker } from 'node:worker_threads';
import type { EscalationExample, EscalationFitOptions } from './fit.ts';
import type { EscalationState } from './state.ts';

/**
 * `fitEscalation` on a worker thread. A fit takes seconds to a minute of CPU; run inline, it would
 * stall every stage sharing the process (all of them in the embedded default) for that long.
 */
export const fitEscalationOffThread = (
  examples: readonly EscalationExample[],
  options: EscalationFitOptions = {},
): Promise<EscalationState> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fit-thread.ts', import.meta.url), { workerData: { examples, options } });
    let state: EscalationState | undefined;
    worker.once('message', (message: EscalationState) => {
      state = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (state ? resolve(state) : reject(new Error(`escalation fit thread exited with code ${code}`))));
  });
