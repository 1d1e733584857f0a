import { z } from 'zod';

/** Where webhooks may go: read by the admin API (registration) and the webhooks service (each delivery). */
export const WebhookEgressConfig = z.object({
  WEBHOOKS_ALLOW_PRIVATE: z
    .stringbool()
    .default(false)
    .describe(
      'Lets endpoints use plain http and private or loopback addresses (an internal receiver, a test). Off, they must be https to public addresses; link-local and cloud metadata addresses are refused either way.',
    ),
});

export type WebhookEgressConfig = z.infer<typeof WebhookEgressConfig>;
