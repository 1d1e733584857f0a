export type * from './types.ts';
export { IdempotencyKeyReused } from './idempotency-key-reused.ts';
export { createPgStore, type PgStoreOptions } from './pg.ts';
export { createPgliteStore, type PgliteStoreOptions } from './pglite.ts';
export { MAX_EMBEDDING_DIM } from './vector.ts';
export { createBusJournal, type BusJournalStore, type JournalMessage, type JournalOffset } from './repositories/bus-journal.ts';
