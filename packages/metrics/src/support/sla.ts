import type { SlaClock } from './tenant-stats.ts';

/** Share of the first-response window left below which a waiting ticket counts as at risk. */
export const AT_RISK_SHARE = 0.25;

export interface SlaCounts {
  /** Routed tickets remembered for SLA accounting (the most recent ones, bounded). */
  tracked: number;
  /** First-response deadline ahead, but within the last 25% of its window. */
  atRisk: number;
  /** First-response deadline passed. */
  breached: number;
}

/**
 * First-response SLA standing at `now`. No event reports an agent's first response yet, so every
 * tracked ticket counts as still waiting for one; once such an event exists, answered tickets
 * should be dropped from the clocks passed in here.
 */
export const slaCounts = (clocks: Iterable<SlaClock>, now: number): SlaCounts => {
  const counts: SlaCounts = { tracked: 0, atRisk: 0, breached: 0 };
  for (const { receivedAt, firstResponseDueAt } of clocks) {
    counts.tracked += 1;
    const left = firstResponseDueAt - now;
    if (left <= 0) counts.breached += 1;
    else if (left <= AT_RISK_SHARE * (firstResponseDueAt - receivedAt)) counts.atRisk += 1;
  }
  return counts;
};
