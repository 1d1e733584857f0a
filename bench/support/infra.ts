import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { ensureKafka } from '../../infra/kafka/up.ts';
import { ensurePostgres } from '../../infra/postgres/up.ts';

export interface BenchInfra {
  brokers: string;
  /** The broker's process id, to read its CPU time; unknown when a broker this checkout did not start was reused. */
  kafkaPid: number | undefined;
  /** Connection to the server's `postgres` database as a superuser. */
  adminUrl: string;
  /** Topics and consumer groups of this run carry it, so runs never meet each other or tests. */
  topicPrefix: string;
  /** A fresh database for this run (dropped by `close`); its URL connects as the superuser that owns it. */
  createDatabase(): Promise<{ url: string; name: string }>;
  /** Drops the run's databases and deletes its topics. */
  close(): Promise<void>;
}

const log = (what: string) => (line: string) => console.error(`[${what}] ${line}`);

export const adminQuery = async <R extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<R[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
};

/** Native Kafka and PostgreSQL + pgvector, started if needed (as `npm run infra:up` does). */
export const bringUpInfra = async (bench: string): Promise<BenchInfra> => {
  const [kafka, postgres] = await Promise.all([ensureKafka({ log: log('kafka') }), ensurePostgres({ log: log('postgres') })]);
  const runId = randomBytes(4).toString('hex');
  const topicPrefix = `bench-${bench}-${runId}.`;
  const databases: string[] = [];
  return {
    brokers: kafka.brokers,
    kafkaPid: kafka.pid,
    adminUrl: postgres.url,
    topicPrefix,
    async createDatabase() {
      const name = `triage_bench_${runId}_${databases.length}`;
      await adminQuery(postgres.url, `CREATE DATABASE ${name}`);
      databases.push(name);
      const url = new URL(postgres.url);
      url.pathname = `/${name}`;
      return { url: url.toString(), name };
    },
    async close() {
      // FORCE ends connections a killed service left open.
      for (const name of databases) await adminQuery(postgres.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await deleteTopics(kafka.brokers, topicPrefix);
    },
  };
};

/** Deletes every topic whose name starts with `prefix` (data, dead-letter and observer topics alike). */
export const deleteTopics = async (brokers: string, prefix: string): Promise<void> => {
  const admin = new Kafka({ clientId: 'bench-cleanup', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
};
