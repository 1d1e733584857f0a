import { readdir, readFile } from 'node:fs/promises';
import type { Sql } from './sql-types.ts';

const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);
/** Arbitrary constant shared by every Triage process migrating the same database. */
const MIGRATION_LOCK = 7_412_349_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered `NNN_name.sql` files, in order. */
export const loadMigrations = async (): Promise<Migration[]> => {
  const migrations: Migration[] = [];
  for (const file of await readdir(MIGRATIONS_DIR)) {
    const match = /^(\d+)_(.+)\.sql$/.exec(file);
    if (!match) continue;
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`two migrations are numbered ${version}`);
    migrations.push({ version, name: match[2] ?? file, sql: await readFile(new URL(file, MIGRATIONS_DIR), 'utf8') });
  }
  return migrations.sort((a, b) => a.version - b.version);
};

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction under an
 * advisory lock, so services starting together neither race nor leave a half-migrated schema.
 * Needs a role that may create extensions and roles (a superuser, or `vector` pre-installed).
 */
export const migrate = async (sql: Sql, embeddingDim: number): Promise<void> => {
  const migrations = await loadMigrations();
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.query(m.sql.replaceAll('{{embedding_dim}}', String(embeddingDim)));
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await assertEmbeddingDim(tx, embeddingDim);
  });
};

const assertEmbeddingDim = async (tx: Sql, embeddingDim: number): Promise<void> => {
  const { rows } = await tx.query<{ type: string }>(
    "SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'article_chunks'::regclass AND attname = 'embedding'",
  );
  const expected = `vector(${embeddingDim})`;
  if (rows[0]?.type !== expected) {
    throw new Error(
      `the database stores embeddings as ${rows[0]?.type ?? 'nothing'} but the store is configured for ${expected}; use another database or re-embed`,
    );
  }
};

/** pgvector 0.8 added iterative index scans, which keep filtered HNSW searches from coming back short. */
export const supportsIterativeScan = async (sql: Sql): Promise<boolean> => {
  const { rows } = await sql.query<{ v: string }>("SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'");
  const [major = 0, minor = 0] = (rows[0]?.v ?? '0.0').split('.').map(Number);
  return major > 0 || minor >= 8;
};
