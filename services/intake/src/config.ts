import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AuthFailureConfig, ClientAddressConfig, KeyCacheConfig, RateLimitConfig } from '@triage/http';

/** Intake's own settings, on top of the platform's (Kafka, PostgreSQL, logging). */
export const IntakeConfig = z.object({
  ...ClientAddressConfig.shape,
  ...AuthFailureConfig.shape,
  ...RateLimitConfig.shape,
  WIDGET_CLIENT_RATE_PER_SECOND: z.coerce
    .number()
    .positive()
    .default(2)
    .describe("Sustained requests per second one client address may make with a widget key, within the key's own limit."),
  WIDGET_CLIENT_BURST: z.coerce
    .number()
    .int()
    .positive()
    .default(30)
    .describe('Requests one client address may make with a widget key in a burst above that rate.'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024)
    .describe('A request larger than this is refused outright (413); the schema bounds each field well below it.'),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500).describe('Outbox rows the relay publishes at a time.'),
  OUTBOX_IDLE_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(500)
    .describe(
      "How often the outbox relay looks for events other processes stored, and this process's tickets, lifecycle reports, deflections and their feedback wake it (after `OUTBOX_LINGER_MS`).",
    ),
  OUTBOX_LINGER_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000)
    .default(100)
    .describe(
      'After a drain that published the last rows, events stored within this long of its start leave together in the next drain, so the stages after the relay handle them in fewer calls. 0 turns the linger off.',
    ),
  ...KeyCacheConfig.shape,
  TAXONOMY_FILE: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../../data/seed/taxonomy.json', import.meta.url)))
    .describe("The categorizer's categories file: `GET /v1/categories` lists it, and a correction naming another category is refused."),
});

export type IntakeConfig = z.infer<typeof IntakeConfig>;
