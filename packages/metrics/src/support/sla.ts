import { measuresOf } from './ticket-measures.ts';
import type { TicketRecord } from './ticket-record.ts';

/** Share of the first-response window left below which a waiting ticket counts as at risk. */
export const AT_RISK_SHARE = 0.25;

export interface SlaCounts {
  /** Routed tickets remembered for SLA accounting (the most recent ones, bounded). */
  tracked: number;
  /** Still waiting for a first response; deadline ahead, but within the last 25% of its window. */
  atRisk: number;
  /** Still waiting for a first response; deadline passed. */
  breached: number;
}

/**
 * First-response SLA standing at `now`, on the routed (wall-clock) deadlines. A ticket waits until
 * the helpdesk reports a first response or a resolution, or closes it; for a helpdesk that reports
 * nothing, every ticket still counts as waiting, which is the prediction these figures start as.
 */
export const slaCounts = (records: Iterable<TicketRecord>, now: number): SlaCounts => {
  const counts: SlaCounts = { tracked: 0, atRisk: 0, breached: 0 };
  for (const record of records) {
    const m = measuresOf(record);
    if (!m) continue;
    counts.tracked += 1;
    if (m.firstResponse || !m.open) continue;
    const { receivedAt, firstResponseDueAt } = record.routed!;
    const left = firstResponseDueAt - now;
    if (left <= 0) counts.breached += 1;
    else if (left <= AT_RISK_SHARE * (firstResponseDueAt - receivedAt)) counts.atRisk += 1;
  }
  return counts;
};
