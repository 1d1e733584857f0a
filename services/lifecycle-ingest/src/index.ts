export { composeLifecycle } from './service.ts';
export { createLifecycleWorker } from './worker.ts';
