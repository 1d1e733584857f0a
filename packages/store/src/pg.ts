import { createHash } from 'node:crypto';
import pg from 'pg';
import { migrate, supportsIterativeScan } from './migrate.ts';
import { createStore } from './store.ts';
import { inlineParams } from './inline-params.ts';
import { localSettings } from './local-settings.ts';
import type { Store } from './types.ts';
import type { Sql, TransactionOptions } from './sql-types.ts';
import { assertEmbeddingDimOption } from './vector.ts';

export interface PgStoreOptions {
  /** A role that may run the migrations (see `migrate`); queries then run as `triage_app`. */
  url: string;
  embeddingDim?: number;
  poolSize?: number;
}

/** A store on a PostgreSQL server with pgvector. */
export const createPgStore = async ({ url, embeddingDim = 384, poolSize = 10 }: PgStoreOptions): Promise<Store> => {
  assertEmbeddingDimOption(embeddingDim);
  const owner = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(poolSql(owner), embeddingDim);
  } finally {
    await owner.end();
  }
  // Every pooled connection takes the unprivileged role at startup, so row-level security applies.
  // JIT is off: the store's statements take milliseconds, while compiling one took longer than
  // running it. A composer's related-tickets lookup for a batch of 55 tickets is planned above
  // `jit_above_cost` and was compiled at every call (215 ms a call; 16% of the machine's CPU
  // in the paced pipeline at 66% of its ceiling).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c role=triage_app -c jit=off' });
  // An idle connection that breaks is dropped by the pool; without a listener it would crash the process.
  pool.on('error', () => {});
  const sql = poolSql(pool);
  try {
    return createStore(sql, { embeddingDim, iterativeScan: await supportsIterativeScan(sql), close: () => pool.end() });
  } catch (error) {
    await pool.end();
    throw error;
  }
};

type Queryable = pg.Pool | pg.PoolClient;

const statementNames = new Map<string, string>();
/**
 * Statements with parameters run as named prepared statements: each connection parses and plans
 * one once rather than at every call, which on small statements is most of the server's work.
 */
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `triage_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
};

const query = async <R>(db: Queryable, text: string, params?: unknown[]): Promise<{ rows: R[] }> => {
  // Several statements in one text (only possible without parameters) come back as one result per statement.
  const result: pg.QueryResult | pg.QueryResult[] = await (params
    ? db.query({ name: statementName(text), text, values: params })
    : db.query(text));
  const last = Array.isArray(result) ? result.at(-1) : result;
  return { rows: (last?.rows ?? []) as R[] };
};

const nested = () => Promise.reject(new Error('transactions do not nest'));

const clientSql = (client: pg.PoolClient): Sql => ({
  query: (text, params) => query(client, text, params),
  transaction: nested,
  oneTrip: nested,
});

/** A statement applying the transaction's settings, or none. */
const settingsStatement = (options: TransactionOptions): string[] => {
  const settings = localSettings(options).map(([name, value]) => `set_config(${pg.escapeLiteral(name)}, ${pg.escapeLiteral(value)}, true)`);
  return settings.length > 0 ? [`SELECT ${settings.join(', ')}`] : [];
};

const poolSql = (pool: pg.Pool): Sql => ({
  query: (text, params) => query(pool, text, params),
  transaction: async (fn, options = {}) => {
    const client = await pool.connect();
    try {
      // One round trip: BEGIN and the transaction's settings as a single simple query.
      await client.query(['BEGIN', ...settingsStatement(options)].join('; '));
      const result = await fn(clientSql(client));
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').then(
        () => client.release(),
        (rollbackError: Error) => client.release(rollbackError),
      );
      throw error;
    }
  },
  // The statements of one simple query run as one transaction unless they hold BEGIN or COMMIT
  // themselves, and a setting made with set_config(…, true) lasts until its end. Such a query takes
  // no parameters, hence the literals.
  oneTrip: (statements, options = {}) => query(pool, [...settingsStatement(options), ...statements.map(inlineParams)].join(';\n')),
});
