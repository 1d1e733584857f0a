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
 * Kept before the decision is recorded, so every later stage (related tickets, incidents, problems)
 * finds the vector without a second model pass. One statement per tenant in the batch; a redelivered
 * ticket keeps the vector stored first.
 */
const storeVectors = async (store: Store, events: Received[], embedded: number[][], decisions: Categorization[]): Promise<void> => {
  const byTenant = Map.groupBy(events.keys(), (i) => events[i]!.tenantId);
  for (const [tenantId, indexes] of byTenant) {
    await store.ticketVectors.add(
      tenantId,
      indexes.map((i) => ({
        ticketId: events[i]!.key,
        customerId: events[i]!.payload.ticket.customer.id,
        category: decisions[i]!.category,
        embedding: embedded[i]!,
      })),
    );
  }
};

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
      const decisions = await Promise.all(
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
      await storeVectors(deps.store, events, embedded, decisions);
      return decisions;
    },
    emit: (event, categorization) => [
      followUp(Topics.ticketsCategorized, event, 'categorize', {
        ticket: event.payload.ticket,
        embedding: encodeEmbedding(vectors.get(event)!),
        categorization,
      }),
    ],
  });
};
