import type { Store } from '@triage/store';

/**
 * The store as intake's routes use it: every write that adds outbox rows wakes the relay once it
 * has committed, so an accepted ticket is published at once instead of at the relay's next poll.
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
  outbox: {
    ...store.outbox,
    enqueue: async (...args) => {
      await store.outbox.enqueue(...args);
      wake();
    },
  },
});
