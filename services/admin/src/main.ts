import { OperatorConfig } from '@triage/http';
import { loadConfig, runStandalone } from '@triage/runtime';
import { WebhookEgressConfig } from '@triage/webhook-policy';
import { composeAdmin } from './service.ts';

await runStandalone('admin', async (deps) =>
  composeAdmin({ ...deps, config: { ...loadConfig(OperatorConfig), ...loadConfig(WebhookEgressConfig) } }),
);
