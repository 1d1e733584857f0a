import { z } from 'zod';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** The webhooks service's own settings, on top of the platform's and WEBHOOKS_ALLOW_PRIVATE. */
export const WebhooksConfig = z.object({
  WEBHOOKS_CONCURRENCY: int(1, 1_000, 32).describe('Deliveries this process sends at once, to all endpoints together.'),
  WEBHOOKS_ENDPOINT_CONCURRENCY: int(1, 100, 4).describe(
    "Deliveries in flight to one endpoint at most, counted across instances: a slow endpoint takes no more senders than this, so other tenants' endpoints keep theirs.",
  ),
  WEBHOOKS_TIMEOUT_MS: int(100, 60_000, 10_000).describe('An attempt that has no response within this fails (and is retried).'),
  WEBHOOKS_MAX_ATTEMPTS: int(1, 30, 8).describe('Attempts per delivery; after the last failed one it goes to the dead-letter list.'),
  WEBHOOKS_BACKOFF_BASE_MS: int(1, 3_600_000, 30_000).describe(
    'Wait before the second attempt; each later wait doubles, less up to half at random (jitter). The default spreads 8 attempts over about an hour.',
  ),
  WEBHOOKS_POLL_MS: int(10, 10_000, 500).describe(
    'Longest wait between two looks for due deliveries when none is known; deliveries this process stores wake it at once.',
  ),
});

export type WebhooksConfig = z.infer<typeof WebhooksConfig>;
