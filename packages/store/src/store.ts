import { deflectionsRepository } from './repositories/deflections.ts';
import { examplesRepository } from './repositories/examples.ts';
import { kbRepository } from './repositories/kb.ts';
import { modelsRepository } from './repositories/models.ts';
import { outboxRepository } from './repositories/outbox.ts';
import { tenantsRepository } from './repositories/tenants.ts';
import { ticketsRepository } from './repositories/tickets.ts';
import type { Sql, Store } from './types.ts';

export interface StoreOptions {
  embeddingDim: number;
  /** Whether pgvector supports `hnsw.iterative_scan` (0.8+). */
  iterativeScan: boolean;
  close: () => Promise<void>;
}

/** The repositories, written once against `Sql`, whatever the driver underneath. */
export const createStore = (sql: Sql, { embeddingDim, iterativeScan, close }: StoreOptions): Store => ({
  sql,
  tenants: tenantsRepository(sql),
  tickets: ticketsRepository(sql),
  outbox: outboxRepository(sql),
  kb: kbRepository(sql, { embeddingDim, iterativeScan }),
  examples: examplesRepository(sql),
  models: modelsRepository(sql),
  deflections: deflectionsRepository(sql),
  close,
});
