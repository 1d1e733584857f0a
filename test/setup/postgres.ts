import { randomBytes } from 'node:crypto';
import { GenericContainer, getContainerRuntimeClient, Wait } from 'testcontainers';
import type { TestProject } from 'vitest/node';
import { ensurePostgres } from '../../infra/postgres/up.ts';
import { adminQuery } from '../harness/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database created for this test run (dropped after it) on a PostgreSQL server with pgvector. */
    databaseUrl: string;
  }
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

const PGVECTOR_IMAGE = 'pgvector/pgvector:pg17';

const dockerReachable = async (): Promise<boolean> => {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
};

const startContainer = async (): Promise<Server> => {
  const container = await new GenericContainer(PGVECTOR_IMAGE)
    .withEnvironment({ POSTGRES_PASSWORD: 'triage' })
    .withExposedPorts(5432)
    // The image's entrypoint starts the server once to initialise it, then again for real.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    url: `postgres://postgres:triage@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    stop: async () => {
      await container.stop();
    },
  };
};

const localServer = async (): Promise<Server> => {
  try {
    // A fresh machine gets pgvector built here, once; afterwards this is a quick check.
    const { url } = await ensurePostgres({ log: (line) => process.stderr.write(`[postgres] ${line}\n`) });
    return { url, stop: async () => {} };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `no PostgreSQL with pgvector for the tests: no Docker engine is reachable and the local PostgreSQL 15 is not ready (${reason}). ` +
        'Fix: run `npm run infra:up` as root and read its output (builds pgvector into PostgreSQL 15), start Docker, or set TEST_DATABASE_URL.',
    );
  }
};

/** Brings up PostgreSQL + pgvector (an external URL, a container, or the machine's) and a fresh database for the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  const server: Server = external
    ? { url: external, stop: async () => {} }
    : (await dockerReachable())
      ? await startContainer()
      : await localServer();
  const database = `triage_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(server.url, `CREATE DATABASE ${database}`);
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  project.provide('databaseUrl', url.toString());
  return async () => {
    // FORCE ends connections that a test left open.
    await adminQuery(server.url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await server.stop();
  };
}
