import { z } from 'zod';
import { csv } from './config.ts';
import { EmbeddingDimSetting, LogLevelSetting, PortSetting } from './settings.ts';

/** Environment every standalone service reads: where Kafka and PostgreSQL are, and how to log. */
export const PlatformEnv = z.object({
  KAFKA_BROKERS: csv.default(['127.0.0.1:19092']).describe('Kafka brokers to bootstrap from, as host:port.'),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'letters, digits, ".", "_" and "-" only')
    .default('')
    .describe('Prepended to every topic and consumer group, so several pipelines can share one cluster.'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/triage')
    .describe('PostgreSQL (with pgvector) to connect to.'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10).describe("Connections in the process's PostgreSQL pool."),
  EMBEDDING_DIM: EmbeddingDimSetting.describe("Size of the stored vectors: the embedder's (MiniLM: 384)."),
  LOG_LEVEL: LogLevelSetting,
  PORT: PortSetting.default(8080).describe(
    "Port of the service's HTTP API (intake, insights), with its `/livez` and `/readyz`; 0 picks a free one.",
  ),
  HEALTH_PORT: PortSetting.default(0).describe(
    "Internal port of every service's `/livez`, `/readyz` and Prometheus `/metrics`, whose series name tenants: keep it off the public network. 0 picks a free one (logged).",
  ),
  INSTANCE_ID: z.string().min(1).default(`${process.pid}`).meta({
    description:
      'Names this instance in client ids, transactional ids and per-instance consumer groups; kept across restarts, a restarted instance resumes where it stopped.',
    defaultShown: 'the process id',
  }),
});

export type PlatformEnv = z.infer<typeof PlatformEnv>;
