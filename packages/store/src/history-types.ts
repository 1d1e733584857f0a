import type { LifecycleReport, Ticket } from '@triage/contracts';

/** A ticket as the history of a period sees it: what it was, how it was routed, what happened to it. */
export interface TicketHistoryRow {
  ticket: Ticket;
  /** The escalator's decision (priority, tier, queue, SLA, major incident), once made. */
  assessed?: unknown;
  /** Every lifecycle report, in the order they happened. */
  timeline: LifecycleReport[];
}

export interface TicketHistoryRepository {
  /**
   * The tenant's tickets received before `to` that the period from `from` concerns: received in it,
   * reported on in it, or still open (routed, with no resolution or closing since the last reopen).
   * At most `limit`, newest first; `truncated` when more matched.
   */
  between(
    tenantId: string,
    period: { from: string; to: string; limit: number },
  ): Promise<{ tickets: TicketHistoryRow[]; truncated: boolean }>;
}
