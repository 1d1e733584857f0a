import { createEvent, Topics } from '@triage/contracts';
import type { Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { RefreshableSearch } from './knowledge-search-factory.ts';

const KB_MODEL = 'kb';

/** `models.updated` for a tenant's knowledge base. */
export const kbUpdatedEvent = (tenantId: string) =>
  createEvent(Topics.modelsUpdated, { tenantId, key: KB_MODEL, payload: { model: KB_MODEL, version: new Date().toISOString() } });

/**
 * Tells every running search that a tenant's articles changed. Through the outbox rather than the
 * bus, so an import needs only the database: intake's relay publishes it as `models.updated`.
 */
export const announceKbUpdate = (store: Store, tenantId: string): Promise<void> =>
  store.outbox.enqueue(tenantId, [{ topic: Topics.modelsUpdated, event: kbUpdatedEvent(tenantId) }]);

/** Drops the tenant's lexical index on each announcement. Each process holds its own indexes, so each reads with its own group. */
export const kbUpdatesWorker = (search: RefreshableSearch, group: string): Worker<typeof Topics.modelsUpdated> => ({
  name: 'kb-updates',
  topic: Topics.modelsUpdated,
  group,
  observer: true,
  handler: async (batch) => {
    for (const { event } of batch) if (event.payload.model === KB_MODEL) search.invalidate(event.tenantId);
    return [];
  },
});
