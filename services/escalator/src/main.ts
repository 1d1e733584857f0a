import { LlmEnv } from '@triage/llm';
import { loadConfig, runStandalone } from '@triage/runtime';
import { EscalatorConfig } from './config.ts';
import { composeEscalator } from './service.ts';

await runStandalone('escalator', (deps) => composeEscalator({ ...deps, config: loadConfig(EscalatorConfig), llm: loadConfig(LlmEnv) }));
