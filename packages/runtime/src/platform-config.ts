import { z } from 'zod';
import { csv } from './config.ts';

/** Environment every standalone service reads: where Kafka and PostgreSQL are, and how to log. */
export const PlatformEnv = z.object({
  KAFKA_BROKERS: csv.default(['127.0.0.1:19092']),
  /** Prepended to every topic and consumer group, so several pipelines can share one cluster. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'letters, digits, ".", "_" and "-" only')
    .default(''),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/triage'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  EMBEDDING_DIM: z.coerce.number().int().min(8).max(2000).default(384),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Port of `/livez`, `/readyz` and `/metrics` for services without an HTTP API; 0 picks a free one. */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Distinguishes instances of one service in client ids and transactional ids. */
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`),
});

export type PlatformEnv = z.infer<typeof PlatformEnv>;
