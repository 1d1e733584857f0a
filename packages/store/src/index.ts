export type * from './types.ts';
export { createPgStore, type PgStoreOptions } from './pg.ts';
export { createPgliteStore, type PgliteStoreOptions } from './pglite.ts';
export { MAX_EMBEDDING_DIM } from './vector.ts';
