import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createPgStore } from '../src/index.ts';
import { loadMigrations } from '../src/migrate.ts';
import { describeStore, type TestDatabase } from './store-suite.ts';
import { asOwner } from './suite/fixtures.ts';

const withClient = async <T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

/** A database of its own on the test server, so this file's embedding dimension and outbox are its own. */
const createDatabase = async (): Promise<TestDatabase> => {
  const serverUrl = inject('databaseUrl');
  const name = `triage_store_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    open: (embeddingDim) => createPgStore({ url: url.toString(), embeddingDim, poolSize: 4 }),
    drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`)).then(() => {}),
  };
};

describeStore({ name: 'PostgreSQL', createDatabase });

describe('createPgStore', () => {
  it('migrates once when several services start on a new database at the same moment', async () => {
    const database = await createDatabase();
    try {
      const stores = await Promise.all([1, 2, 3].map(() => database.open(8)));
      const applied = await asOwner(stores[0]!.sql, 'SELECT version FROM schema_migrations');
      expect(applied).toEqual((await loadMigrations()).map(({ version }) => ({ version })));
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await database.drop();
    }
  });

  it('runs its statements without JIT compilation (PostgreSQL has it on by default)', async () => {
    const database = await createDatabase();
    try {
      const store = await database.open(8);
      expect((await store.sql.query<{ jit: string }>('SHOW jit')).rows[0]!.jit).toBe('off');
      await store.close();
    } finally {
      await database.drop();
    }
  });

  it('rejects an embedding dimension an HNSW index cannot hold', async () => {
    await expect(createPgStore({ url: inject('databaseUrl'), embeddingDim: 2001 })).rejects.toThrow(
      'embeddingDim must be an integer from 1 to 2000',
    );
  });
});
