import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate, supportsIterativeScan } from './migrate.ts';
import { createStore } from './store.ts';
import { localSettings } from './local-settings.ts';
import type { Store } from './types.ts';
import type { Sql, Statement, TransactionOptions } from './sql-types.ts';
import { assertEmbeddingDimOption } from './vector.ts';

export interface PgliteStoreOptions {
  /** Folder for the database files, created with its parents if missing; in memory when omitted. */
  dataDir?: string;
  embeddingDim?: number;
}

/** A store on embedded PostgreSQL (PGlite, WebAssembly) with pgvector: no server needed. */
export const createPgliteStore = async ({ dataDir, embeddingDim = 384 }: PgliteStoreOptions = {}): Promise<Store> => {
  assertEmbeddingDimOption(embeddingDim);
  // PGlite creates the folder itself but not its parents.
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => {};
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir, extensions: { vector } });
  } catch (error) {
    await unlock();
    throw error;
  }
  try {
    const sql = pgliteSql(db);
    await migrate(sql, embeddingDim);
    // PGlite has one session: dropping to the unprivileged role makes row-level security apply to it.
    await db.exec('SET ROLE triage_app');
    return createStore(sql, {
      embeddingDim,
      iterativeScan: await supportsIterativeScan(sql),
      singleSession: true,
      close: () => db.close().finally(unlock),
    });
  } catch (error) {
    await db.close().finally(unlock);
    throw error;
  }
};

type Queryable = Pick<PGlite | Transaction, 'query' | 'exec'>;

const query = async <R>(db: Queryable, text: string, params?: unknown[]): Promise<{ rows: R[] }> =>
  // PGlite's `query` prepares one statement; `exec` runs a script (as pg does for a text without params).
  params ? { rows: (await db.query<R>(text, params)).rows } : { rows: ((await db.exec(text)).at(-1)?.rows ?? []) as R[] };

const pgliteSql = (db: PGlite): Sql => {
  const sql: Sql = {
    query: (text, params) => query(db, text, params),
    transaction: (fn, options = {}) =>
      db.transaction(async (tx) => {
        const settings = localSettings(options);
        if (settings.length > 0) {
          await tx.query(`SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, settings.flat());
        }
        const nested = () => Promise.reject(new Error('transactions do not nest'));
        return fn({ query: (text, params) => query(tx, text, params), transaction: nested, oneTrip: nested });
      }),
    // In process there is no round trip to save: the statements run in a transaction one by one.
    oneTrip: <R>(statements: Statement[], options?: TransactionOptions) =>
      sql.transaction(async (tx) => {
        let rows: R[] = [];
        for (const { text, params } of statements) rows = (await tx.query<R>(text, params ?? [])).rows;
        return { rows };
      }, options),
  };
  return sql;
};
