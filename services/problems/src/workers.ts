import { type ProblemRecord, Topics } from '@triage/contracts';
import type { Worker } from '@triage/runtime';
import type { ProblemWrite, Store } from '@triage/store';
import type { ProblemThresholds } from './config.ts';
import { problemEvent } from './events.ts';
import { decideProblem, type ProblemChange } from './grouping.ts';
import { memberResolvedRecord } from './record.ts';
import { problemTicketOf } from './ticket-reading.ts';

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 86_400_000;
/** Tier 3 is engineering: its resolution of a member is the permanent fix of the root cause. */
const ENGINEERING_TIER = 3;

const writeOf = (tenantId: string, change: ProblemChange | undefined, causeTicketId: string): ProblemWrite<ProblemRecord, boolean> =>
  change
    ? {
        problem: { value: change.problem, members: change.members },
        events: [problemEvent(tenantId, change.problem.record, causeTicketId)],
        result: true,
      }
    : { events: [], result: false };

// Both write only to PostgreSQL, the events through the outbox in the same transaction, and
// idempotently (a ticket is observed once; a resolution already applied changes nothing), so a
// redelivered batch is harmless and offsets are committed without a transaction.

/** tickets.routed → the ticket in its tenant's window; a problem opened or joined. */
export const routedWorker = (store: Store, thresholds: (tenantId: string) => ProblemThresholds): Worker<typeof Topics.ticketsRouted> => ({
  name: 'problems:routed',
  topic: Topics.ticketsRouted,
  group: 'problems',
  observer: true,
  handler: async (batch) => {
    // In order: each ticket sees the group the one before it joined.
    for (const { event } of batch) {
      const t = thresholds(event.tenantId);
      const ticket = problemTicketOf(event.payload);
      const since = new Date(Date.parse(ticket.routedAt) - t.windowMinutes * MINUTE_MS).toISOString();
      await store.problems.observe<ProblemRecord, boolean>(
        event.tenantId,
        ticket,
        { since, minSimilarity: t.minSimilarity, historyMs: WEEK_MS },
        (hood) => writeOf(event.tenantId, decideProblem(ticket, hood, t), ticket.ticketId),
      );
    }
    return [];
  },
});

/** tickets.lifecycle-applied → a member resolved; the problem resolved by engineering's fix or once every member is. */
export const lifecycleWorker = (store: Store): Worker<typeof Topics.ticketsLifecycleApplied> => ({
  name: 'problems:lifecycle',
  topic: Topics.ticketsLifecycleApplied,
  group: 'problems-lifecycle',
  observer: true,
  handler: async (batch) => {
    for (const { event } of batch) {
      const { ticketId, report } = event.payload;
      if (report.type !== 'resolved') continue;
      const resolution = { ticketId, at: new Date(report.occurredAt).toISOString(), notes: report.notes };
      await store.problems.resolveMember<ProblemRecord, boolean>(event.tenantId, resolution, (problem) => {
        const othersOpen = problem.members.some((m) => m.ticketId !== ticketId && !m.resolvedAt);
        const resolves = report.resolvingTier >= ENGINEERING_TIER || !othersOpen;
        const record = memberResolvedRecord(problem.record, resolution, resolves);
        return {
          problem: { value: { ...problem, state: record.state, record }, members: [] },
          events: resolves ? [problemEvent(event.tenantId, record, ticketId)] : [],
          result: resolves,
        };
      });
    }
    return [];
  },
});
