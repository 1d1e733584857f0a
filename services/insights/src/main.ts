import { OperatorConfig } from '@triage/http';
import { loadConfig, runStandalone } from '@triage/runtime';
import { InsightsConfig } from './config.ts';
import { composeInsights } from './service.ts';

await runStandalone('insights', async (deps) =>
  composeInsights({ ...deps, config: { ...loadConfig(InsightsConfig), ...loadConfig(OperatorConfig) } }),
);
