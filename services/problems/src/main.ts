import { loadConfig, runStandalone } from '@triage/runtime';
import { ProblemsConfig } from './config.ts';
import { composeProblems } from './service.ts';

await runStandalone('problems', (deps) => composeProblems({ ...deps, config: loadConfig(ProblemsConfig) }));
