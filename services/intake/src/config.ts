import { z } from 'zod';

/** Intake's own settings, on top of the platform's (Kafka, PostgreSQL, logging). */
export const IntakeConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50),
  RATE_LIMIT_BURST: z.coerce.number().int().positive().default(200),
  /** A request larger than this is refused outright (413); the schema bounds each field well below it. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
  /** The tenant the operations page shows when its URL names none. */
  OPS_DEFAULT_TENANT: z.string().min(1).default('demo'),
  /** The relay's poll for rows other processes stored; this process's own writes wake it at once. */
  OUTBOX_IDLE_MS: z.coerce.number().int().min(1).max(10_000).default(500),
  /**
   * A deleted API or widget key, or an origin taken off a widget key's list, keeps working for up to
   * this long; 0 asks the database on every request.
   */
  KEY_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
});

export type IntakeConfig = z.infer<typeof IntakeConfig>;
