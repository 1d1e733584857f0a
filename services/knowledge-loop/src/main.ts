import { LlmEnv } from '@triage/llm';
import { loadConfig, runStandalone } from '@triage/runtime';
import { KnowledgeLoopConfig } from './config.ts';
import { composeKnowledgeLoop } from './service.ts';

await runStandalone('knowledge-loop', (deps) =>
  composeKnowledgeLoop({ ...deps, config: loadConfig(KnowledgeLoopConfig), llm: loadConfig(LlmEnv) }),
);
