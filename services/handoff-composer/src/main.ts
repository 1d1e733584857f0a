import { LlmEnv } from '@triage/llm';
import { loadConfig, runStandalone } from '@triage/runtime';
import { HandoffConfig } from './config.ts';
import { composeHandoff } from './service.ts';

await runStandalone('handoff-composer', (deps) => composeHandoff({ ...deps, llm: loadConfig(LlmEnv), config: loadConfig(HandoffConfig) }));
