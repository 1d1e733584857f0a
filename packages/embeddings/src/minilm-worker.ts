// A worker thread holding one MiniLM model; it answers each text with its vector.
import { parentPort, workerData } from 'node:worker_threads';
import { MiniLmModel, type MiniLmModelFiles } from './minilm-model.ts';
import { runAsAsked, type WorkerReply, type WorkerRequest } from './worker-pool.ts';

runAsAsked();
const port = parentPort!;
const model = await MiniLmModel.load(workerData as MiniLmModelFiles);
/**
 * A first forward pass costs about three times a later one (ONNX Runtime plans and allocates for
 * the shapes it meets, V8 compiles the pooling), and a few more lengths each cost a little on
 * first sight: paid here, before the worker says it is ready, rather than by a service's first
 * tickets. A question, a ticket, and a passage as long as the model reads.
 */
const WARM_UP = ['How do I reset my password?', 'word '.repeat(60), 'word '.repeat(300)];
for (let round = 0; round < 2; round++) for (const text of WARM_UP) await model.embed(text);

port.on('message', async ({ id, input }: WorkerRequest<string>) => {
  try {
    const vector = await model.embed(input);
    port.postMessage({ id, output: vector } satisfies WorkerReply<Float64Array>, [vector.buffer]);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply<Float64Array>);
  }
});
port.postMessage('ready');
