import type { Store } from '@triage/store';

/**
 * The store as intake's routes use it: writes that add outbox rows wake the relay once they have
 * committed, so an accepted ticket is published at once instead of at the relay's next poll.
 */
export const wakingStore = (store: Store, wake: () => void): Store => ({
  ...store,
  tickets: {
    ...store.tickets,
    create: async (...args) => {
      const created = await store.tickets.create(...args);
      if (created.created) wake();
      return created;
    },
  },
  lifecycle: {
    ...store.lifecycle,
    // Waking after a refused or duplicate request too costs one empty drain.
    apply: async (...args) => {
      const result = await store.lifecycle.apply(...args);
      wake();
      return result;
    },
  },
  deflections: {
    ...store.deflections,
    // With the relay's linger on, this is at most one drain per linger however many questions
    // arrive; left to the poll instead, the `shown` events of half a second went out in one drain
    // whose parsing and encoding held up the questions that arrived during it.
    create: async (record, events) => {
      await store.deflections.create(record, events);
      if (events?.length) wake();
    },
    resolve: async (...args) => {
      const first = await store.deflections.resolve(...args);
      if (first) wake();
      return first;
    },
  },
  outbox: {
    ...store.outbox,
    enqueue: async (...args) => {
      await store.outbox.enqueue(...args);
      wake();
    },
  },
});
