import { join } from 'node:path';
import pg from 'pg';
import { buildPgvector } from './build-pgvector.ts';
import { hasCommand, run } from './run.ts';

const PG_MAJOR = '15';
const CLUSTER = 'main';
const URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const WORK_DIR = join(import.meta.dirname, '..', '..', '.infra');
const READY_TIMEOUT_MS = 30_000;

export interface EnsurePostgresOptions {
  /** Build and install pgvector when it is missing; when false, a missing pgvector is an error. */
  install?: boolean;
  log?: (message: string) => void;
}

/**
 * Makes the machine's PostgreSQL 15 usable by Triage: the cluster running and the `vector`
 * extension available. Each step is skipped when already done, so a warm call is one query.
 */
export const ensurePostgres = async ({ install = true, log = () => {} }: EnsurePostgresOptions = {}): Promise<{ url: string }> => {
  if (!(await isAccepting())) {
    await startCluster(log);
    await waitUntilAccepting();
  }
  if (!(await hasVector())) {
    if (!install) throw new Error('pgvector is not installed in the local PostgreSQL 15: run `npm run infra:up` (as root) to build it');
    await buildPgvector({ pgMajor: PG_MAJOR, workDir: WORK_DIR, log });
    if (!(await hasVector())) throw new Error('pgvector was built and installed but PostgreSQL still does not list the `vector` extension');
  }
  return { url: URL };
};

const withClient = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const isAccepting = async (): Promise<boolean> => {
  try {
    await withClient((c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
};

const hasVector = (): Promise<boolean> =>
  withClient(async (c) => (await c.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).rowCount === 1);

const startCluster = async (log: (message: string) => void): Promise<void> => {
  if (!hasCommand('pg_ctlcluster')) {
    throw new Error(`PostgreSQL does not answer at ${URL} and pg_ctlcluster is missing: apt-get install postgresql-${PG_MAJOR}`);
  }
  log(`starting cluster ${PG_MAJOR}/${CLUSTER}`);
  // The machine has no systemd; without the flag pg_ctlcluster would hand over to systemctl.
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', PG_MAJOR, CLUSTER, 'start']);
};

const waitUntilAccepting = async (): Promise<void> => {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await isAccepting())) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL ${PG_MAJOR}/${CLUSTER} started but does not accept connections at ${URL}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

if (import.meta.main) {
  const started = performance.now();
  try {
    const { url } = await ensurePostgres({ log: (message) => console.error(`[postgres] ${message}`) });
    console.error(`[postgres] ready in ${Math.round(performance.now() - started)} ms`);
    console.log(url);
  } catch (error) {
    console.error(`[postgres] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
