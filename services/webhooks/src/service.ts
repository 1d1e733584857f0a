import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import type { WebhookEgressConfig } from '@triage/webhook-policy';
import type { WebhooksConfig } from './config.ts';
import { createPoster } from './post.ts';
import { createSender, type Sender } from './sender.ts';
import { fanOutWorkers } from './workers.ts';

export interface WebhooksServiceDeps extends ServiceDeps {
  config: WebhooksConfig & WebhookEgressConfig;
}

/**
 * Outbound webhooks: consumers turn pipeline events into deliveries for the subscribed endpoints
 * (in PostgreSQL), and the sender signs and sends them, retrying with backoff, until each is
 * delivered or dead.
 */
export const composeWebhooks = async (deps: WebhooksServiceDeps): Promise<ServiceParts & { sender: Sender }> => {
  const { config } = deps;
  const sender = createSender({
    store: deps.store,
    poster: createPoster({ timeoutMs: config.WEBHOOKS_TIMEOUT_MS, allowPrivate: config.WEBHOOKS_ALLOW_PRIVATE }),
    logger: deps.logger,
    registry: deps.registry,
    concurrency: config.WEBHOOKS_CONCURRENCY,
    endpointConcurrency: config.WEBHOOKS_ENDPOINT_CONCURRENCY,
    timeoutMs: config.WEBHOOKS_TIMEOUT_MS,
    maxAttempts: config.WEBHOOKS_MAX_ATTEMPTS,
    backoffBaseMs: config.WEBHOOKS_BACKOFF_BASE_MS,
    pollMs: config.WEBHOOKS_POLL_MS,
  });
  return { name: 'webhooks', sender, components: [sender], workers: fanOutWorkers(deps.store, sender.wake) };
};
