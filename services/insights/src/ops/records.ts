import type { SlaCalendars } from '@triage/business-time';
import type { ProblemRecord } from '@triage/contracts';
import type { LifecycleEntry, ProblemView, StoredTicket, Store } from '@triage/store';
import { type OpsHistory, opsHistory } from './history.ts';
import type { Period } from './period.ts';

/** A period holds at most this many tickets on the page; the page says when there were more. */
const MAX_TICKETS = 20_000;
const PROBLEMS_SHOWN = 20;

/** What the page reads from the store, beside the live figures the projection keeps in memory. */
export interface OpsRecords {
  history(tenantId: string, period: Period, now: number): Promise<OpsHistory>;
  ticket(tenantId: string, ticketId: string): Promise<{ stored: StoredTicket; timeline: LifecycleEntry[] } | null>;
  openProblems(tenantId: string): Promise<ProblemView<ProblemRecord>[]>;
}

export const opsRecords = (store: Store, calendars: SlaCalendars): OpsRecords => ({
  history: async (tenantId, period, now) =>
    opsHistory(await store.ticketHistory.between(tenantId, { from: period.from, to: period.to, limit: MAX_TICKETS }), {
      tenantId,
      calendars,
      period,
      now,
    }),
  ticket: async (tenantId, ticketId) => {
    const stored = await store.tickets.get(tenantId, ticketId);
    return stored && { stored, timeline: await store.lifecycle.timeline(tenantId, ticketId) };
  },
  openProblems: (tenantId) => store.problems.list<ProblemRecord>(tenantId, { state: 'open', limit: PROBLEMS_SHOWN }),
});
