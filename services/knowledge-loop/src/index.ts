export { KnowledgeLoopConfig } from './config.ts';
export { composeKnowledgeLoop, type KnowledgeLoopServiceDeps } from './service.ts';
