import type { OperatorConfig } from '@triage/http';
import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import type { WebhookEgressConfig } from '@triage/webhook-policy';
import { createAdminApp } from './app.ts';

export interface AdminServiceDeps extends ServiceDeps {
  config: OperatorConfig & Partial<WebhookEgressConfig>;
}

/** Admin: the operator's HTTP API over tenants, keys and customers. It consumes nothing. */
export const composeAdmin = async (deps: AdminServiceDeps): Promise<ServiceParts> => ({
  name: 'admin',
  workers: [],
  http: createAdminApp({
    store: deps.store,
    logger: deps.logger,
    operatorToken: deps.config.OPERATOR_TOKEN,
    allowPrivateWebhooks: deps.config.WEBHOOKS_ALLOW_PRIVATE ?? false,
  }),
});
