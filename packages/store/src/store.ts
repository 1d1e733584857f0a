import { customersRepository } from './repositories/customers.ts';
import { deflectionsRepository } from './repositories/deflections.ts';
import { escalationRepository } from './repositories/escalation.ts';
import { examplesRepository } from './repositories/examples.ts';
import { kbRepository } from './repositories/kb.ts';
import { knowledgeLoopRepository } from './repositories/knowledge-loop.ts';
import { lifecycleRepository } from './repositories/lifecycle.ts';
import { modelsRepository } from './repositories/models.ts';
import { outboxRepository } from './repositories/outbox.ts';
import { rtTicketsRepository } from './repositories/rt-tickets.ts';
import { slaDeadlinesRepository } from './repositories/sla-deadlines.ts';
import { tenantsRepository } from './repositories/tenants.ts';
import { ticketHistoryRepository } from './repositories/ticket-history.ts';
import { ticketsRepository } from './repositories/tickets.ts';
import { ticketVectorsRepository } from './repositories/ticket-vectors.ts';
import { incidentsRepository } from './repositories/incidents.ts';
import { problemsRepository } from './repositories/problems.ts';
import { webhooksRepository } from './repositories/webhooks.ts';
import type { Store } from './types.ts';
import type { Sql } from './sql-types.ts';

export interface StoreOptions {
  embeddingDim: number;
  /** Whether pgvector supports `hnsw.iterative_scan` (0.8+). */
  iterativeScan: boolean;
  /** One session serves the whole process (PGlite), so no transaction may stay open while others wait. */
  singleSession?: boolean;
  close: () => Promise<void>;
}

/** The repositories, written once against `Sql`, whatever the driver underneath. */
export const createStore = (sql: Sql, { embeddingDim, iterativeScan, singleSession = false, close }: StoreOptions): Store => ({
  sql,
  tenants: tenantsRepository(sql),
  customers: customersRepository(sql),
  tickets: ticketsRepository(sql, embeddingDim),
  outbox: outboxRepository(sql, { singleSession }),
  kb: kbRepository(sql, { embeddingDim, iterativeScan }),
  examples: examplesRepository(sql),
  models: modelsRepository(sql),
  deflections: deflectionsRepository(sql),
  slaDeadlines: slaDeadlinesRepository(sql),
  lifecycle: lifecycleRepository(sql),
  rtTickets: rtTicketsRepository(sql),
  webhooks: webhooksRepository(sql),
  ticketHistory: ticketHistoryRepository(sql),
  escalation: escalationRepository(sql),
  knowledgeLoop: knowledgeLoopRepository(sql),
  ticketVectors: ticketVectorsRepository(sql, { embeddingDim, iterativeScan }),
  incidents: incidentsRepository(sql),
  problems: problemsRepository(sql, { iterativeScan }),
  close,
});
