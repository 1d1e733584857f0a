export interface TransactionOptions {
  /** Sets `app.tenant_id` for the transaction: row-level security then shows only this tenant's rows. */
  tenantId?: string;
  /** Further settings local to the transaction (pgvector's search parameters), applied with the tenant. */
  settings?: Record<string, string>;
}

/**
 * The minimal SQL surface both `pg` and PGlite provide; every repository is written against it.
 * The store's connections run as the `triage_app` role, so tenant tables (tickets, stages, articles,
 * chunks, examples, models, deflections) show rows only inside a transaction given a `tenantId`.
 */
export interface Sql {
  /** Without params, `text` may hold several statements; the last one's rows are returned. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs `fn` in one transaction, committed if it resolves and rolled back if it throws. Does not nest. */
  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs the statements in order as one transaction and returns the last one's rows: for writes
   * and reads that need no answer in between, which the server then takes in one round trip
   * (`transaction` costs one per statement and two more, for BEGIN and COMMIT). Does not nest.
   */
  oneTrip<R = Record<string, unknown>>(statements: [Statement, ...Statement[]], options?: TransactionOptions): Promise<{ rows: R[] }>;
}

/** A statement of `Sql.oneTrip`, with its own `$n` parameters. */
export interface Statement {
  text: string;
  params?: unknown[];
}
