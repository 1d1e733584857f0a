// A worker thread holding one MiniLM model; it answers each text with its vector.
import { parentPort, workerData } from 'node:worker_threads';
import { MiniLmModel, type MiniLmModelFiles } from './minilm-model.ts';
import type { WorkerReply, WorkerRequest } from './worker-pool.ts';

const port = parentPort!;
const model = await MiniLmModel.load(workerData as MiniLmModelFiles);

port.on('message', async ({ id, input }: WorkerRequest<string>) => {
  try {
    const vector = await model.embed(input);
    port.postMessage({ id, output: vector } satisfies WorkerReply<Float64Array>, [vector.buffer]);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply<Float64Array>);
  }
});
port.postMessage('ready');
