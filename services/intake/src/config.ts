import { z } from 'zod';

/** Intake's own settings, on top of the platform's (Kafka, PostgreSQL, logging). */
export const IntakeConfig = z.object({
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50).describe('Sustained requests per second per API or widget key.'),
  RATE_LIMIT_BURST: z.coerce
    .number()
    .int()
    .positive()
    .default(200)
    .describe('Requests a key may make in a burst above the sustained rate.'),
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
    .describe("How often the outbox relay looks for events other processes stored; this process's own requests wake it at once."),
  KEY_CACHE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(30_000)
    .describe(
      'How long a resolved API or widget key is trusted: a deleted key, or an origin taken off a widget key, works this long; 0 asks the database on every request.',
    ),
});

export type IntakeConfig = z.infer<typeof IntakeConfig>;
