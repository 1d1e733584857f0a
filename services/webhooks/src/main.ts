import { loadConfig, runStandalone } from '@triage/runtime';
import { WebhookEgressConfig } from '@triage/webhook-policy';
import { WebhooksConfig } from './config.ts';
import { composeWebhooks } from './service.ts';

await runStandalone('webhooks', (deps) =>
  composeWebhooks({ ...deps, config: { ...loadConfig(WebhooksConfig), ...loadConfig(WebhookEgressConfig) } }),
);
