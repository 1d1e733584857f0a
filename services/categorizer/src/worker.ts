import { encodeEmbedding, ticketText, Topics, type Categorization, type EventOf, type Taxonomy } from '@triage/contracts';
import type { TextEmbedder } from '@triage/embeddings';
import { createStageWorker, followUp, type Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import { toCategorization } from './categorize.ts';
import type { ModelRegistry } from './model.ts';

export interface CategorizerDeps {
  store: Store;
  embeddings: TextEmbedder;
  models: ModelRegistry;
  taxonomy: Taxonomy;
}

type Received = EventOf<typeof Topics.ticketsReceived>;

/**
 * tickets.received → tickets.categorized. The ticket is embedded here, once, in batches; the
 * vector travels on the event so retrieval never computes it again.
 */
export const createCategorizerWorker = (deps: CategorizerDeps): Worker<typeof Topics.ticketsReceived> => {
  const vectors = new WeakMap<Received, number[]>();
  return createStageWorker<typeof Topics.ticketsReceived, Categorization>('categorizer', Topics.ticketsReceived, {
    stage: 'categorize',
    store: deps.store,
    readers: 'next-stage',
    decide: async (events) => {
      const texts = events.map((e) => ticketText(e.payload.ticket));
      const embedded = await deps.embeddings.embedDocuments(texts);
      return Promise.all(
        events.map(async (event, i) => {
          const embedding = embedded[i]!;
          vectors.set(event, embedding);
          const model = await deps.models.forTenant(event.tenantId);
          return toCategorization({
            categories: model.predictCategory(texts[i]!, embedding),
            kinds: model.predictKind?.(texts[i]!, embedding),
            abstainBelow: model.abstainBelow,
            modelVersion: model.version,
            taxonomy: deps.taxonomy,
          });
        }),
      );
    },
    // Kept with the decision, so every later stage (related tickets, incidents, problems) finds the
    // vector without a second model pass.
    vector: (event, categorization) => ({
      ticketId: event.key,
      customerId: event.payload.ticket.customer.id,
      category: categorization.category,
      embedding: vectors.get(event)!,
    }),
    emit: (event, categorization) => [
      followUp(Topics.ticketsCategorized, event, 'categorize', {
        ticket: event.payload.ticket,
        embedding: encodeEmbedding(vectors.get(event)!),
        categorization,
      }),
    ],
  });
};
