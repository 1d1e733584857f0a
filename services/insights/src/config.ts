import { z } from 'zod';

/** Insights' own settings, on top of the platform's (Kafka, PostgreSQL, logging). */
export const InsightsConfig = z.object({
  OPS_DEFAULT_TENANT: z.string().min(1).default('demo').describe('The tenant the operations page shows when its URL names none.'),
  KEY_CACHE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(30_000)
    .describe('How long a resolved API key is trusted: a deleted key works this long; 0 asks the database on every request.'),
});

export type InsightsConfig = z.infer<typeof InsightsConfig>;
