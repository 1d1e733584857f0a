export { createKbRetrievalWorker, type KbRetrievalDeps } from './worker.ts';
export { composeKbRetrieval, type KbRetrievalServiceDeps } from './service.ts';
