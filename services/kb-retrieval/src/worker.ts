import { traceparentFor } from '@triage/metrics';
import { createEvent, ticketText, Topics, type Retrieval } from '@triage/contracts';
import { createStageHandler, nameBasedUuid, type Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { KnowledgeSearch } from './knowledge-search.ts';

export interface KbRetrievalDeps {
  store: Store;
  search: KnowledgeSearch;
}

/** tickets.categorized → tickets.retrieved: the top-3 articles, searched with the ticket's own vector. */
export const createKbRetrievalWorker = (deps: KbRetrievalDeps): Worker<typeof Topics.ticketsCategorized> => ({
  name: 'kb-retrieval',
  topic: Topics.ticketsCategorized,
  group: 'kb-retrieval',
  handler: createStageHandler<typeof Topics.ticketsCategorized, Retrieval>({
    stage: 'retrieve',
    store: deps.store,
    decide: (events) =>
      Promise.all(
        events.map(({ tenantId, payload }) =>
          deps.search.search(tenantId, { text: ticketText(payload.ticket), embedding: payload.embedding }),
        ),
      ),
    emit: (event, retrieval) => [
      {
        topic: Topics.ticketsRetrieved,
        event: createEvent(Topics.ticketsRetrieved, {
          id: nameBasedUuid(`${event.key}:retrieve`),
          tenantId: event.tenantId,
          key: event.key,
          traceparent: traceparentFor(event),
          payload: { ...event.payload, retrieval },
        }),
      },
    ],
  }),
});
