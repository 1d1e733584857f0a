export { composePacket, type ComposeContext } from './compose.ts';
export { localSummary } from './summary.ts';
export { createHandoffWorker, type HandoffDeps, type Summarizer } from './worker.ts';
export { composeHandoff, type HandoffServiceDeps } from './service.ts';
export { HandoffConfig } from './config.ts';
