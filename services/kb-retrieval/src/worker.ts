import { embeddingValues, ticketText, Topics, type Retrieval } from '@triage/contracts';
import { createStageWorker, followUp, type Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { KnowledgeSearch } from '@triage/knowledge';

export interface KbRetrievalDeps {
  store: Store;
  search: KnowledgeSearch;
}

/** tickets.categorized → tickets.retrieved: the top-3 articles, searched with the ticket's own vector. */
export const createKbRetrievalWorker = (deps: KbRetrievalDeps): Worker<typeof Topics.ticketsCategorized> =>
  createStageWorker<typeof Topics.ticketsCategorized, Retrieval>('kb-retrieval', Topics.ticketsCategorized, {
    stage: 'retrieve',
    store: deps.store,
    readers: 'next-stage',
    decide: (events) =>
      Promise.all(
        events.map(({ tenantId, payload }) =>
          deps.search.search(tenantId, { text: ticketText(payload.ticket), embedding: embeddingValues(payload.embedding) }),
        ),
      ),
    // The vector goes on to the escalator's model, which reads the same embedding.
    emit: (event, retrieval) => [
      followUp(Topics.ticketsRetrieved, event, 'retrieve', {
        ticket: event.payload.ticket,
        embedding: event.payload.embedding,
        categorization: event.payload.categorization,
        retrieval,
      }),
    ],
  });
