import { type LifecycleApplied, Topics } from '@triage/contracts';
import type { Worker } from '@triage/runtime';
import type { SlaChange, Store } from '@triage/store';
import { deadlinesOf } from './deadlines.ts';
import { applyLifecycle } from './lifecycle.ts';
import type { SlaPolicy } from './policy.ts';

const apply =
  (policy: SlaPolicy, now: () => Date): SlaChange<LifecycleApplied> =>
  (deadlines, applied) =>
    applyLifecycle(deadlines, applied, now(), policy);

// Both write only to PostgreSQL, idempotently (a deadline opens once; a change already made changes
// nothing), so a redelivered batch is harmless and offsets are committed without a transaction.

/** tickets.routed → the ticket's first-response and resolution deadlines, with the lifecycle changes that came first. */
export const routedWorker = (store: Store, policy: SlaPolicy, now: () => Date): Worker<typeof Topics.ticketsRouted> => ({
  name: 'sla-watch:routed',
  topic: Topics.ticketsRouted,
  group: 'sla-watch',
  observer: true,
  handler: async (batch) => {
    await store.slaDeadlines.open(
      batch.flatMap(({ event }) => deadlinesOf(event, policy)),
      apply(policy, now),
    );
    return [];
  },
});

/** tickets.lifecycle-applied → deadlines paused, resumed, met or reopened (held when the ticket has none yet). */
export const lifecycleWorker = (store: Store, policy: SlaPolicy, now: () => Date): Worker<typeof Topics.ticketsLifecycleApplied> => ({
  name: 'sla-watch:lifecycle',
  topic: Topics.ticketsLifecycleApplied,
  group: 'sla-watch-lifecycle',
  observer: true,
  handler: async (batch) => {
    // One ticket's reports in order: each reads the rows the one before wrote.
    for (const { event } of batch) {
      await store.slaDeadlines.change(event.tenantId, event.payload.ticketId, event.payload, apply(policy, now));
    }
    return [];
  },
});
