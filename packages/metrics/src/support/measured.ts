import { nearestRank } from './quantiles.ts';
import { byCountThenKey, rate, type Rate, type Share, shares, tally } from './rates.ts';
import type { Elapsed } from './clocks.ts';
import { measuresOf, type TicketMeasures } from './ticket-measures.ts';
import type { TicketRecord } from './ticket-record.ts';

export interface Percentiles {
  count: number;
  /** Seconds, nearest rank. */
  p50: number;
  p90: number;
}

export interface ClockPercentiles {
  /** Plain elapsed time since the ticket was received. */
  wall: Percentiles;
  /** The SLA's clock: the desk's open hours, without the time the ticket waited on the customer. */
  business: Percentiles;
}

/**
 * What the helpdesk's lifecycle reports measure, over the tenant's measured tickets: routed tickets
 * with at least one report. A deterministic function of the routed events and the reports, so a
 * replay of the topics gives the same figures. Each ticket's own measures are defined on
 * `TicketMeasures`; here is how they add up.
 */
export interface MeasuredSummary {
  /** The earliest occurredAt of any report: the figures cover what happened from then on. Null: no report yet. */
  since: string | null;
  tickets: number;
  /** Resolved at first contact / resolved tickets. */
  firstContactResolution: Rate;
  /** From receipt to the first response, over answered tickets. */
  timeToFirstResponse: ClockPercentiles;
  /** From receipt to the first resolution, over resolved tickets. */
  timeToResolution: ClockPercentiles;
  sla: {
    /** Answered tickets whose first response came within the first-response window on the SLA's clock / answered tickets. */
    firstResponse: Rate;
    /** Resolved tickets whose first resolution came within the resolution window on the SLA's clock / resolved tickets. */
    resolution: Rate;
  };
  escalation: {
    /** Per routed tier: measured tickets with at least one escalation / measured tickets routed to that tier. */
    byTier: (Rate & { tier: 0 | 1 | 2 | 3 })[];
    /** Escalated tickets with at least one escalation sent back / escalated tickets. */
    rework: Rate;
    /** The packet fields sent-back escalations named, most often first; share: of all sent-back escalations. */
    missingFields: Share[];
  };
  /** Resolved tickets reopened at least once / resolved tickets. */
  reopen: Rate;
  /** Scores given when tickets closed: their mean, and how many gave each score from 1 to 5. */
  csat: { count: number; average: number; distribution: Share<1 | 2 | 3 | 4 | 5>[] };
}

const TOP_MISSING_FIELDS = 5;
const TIERS = [0, 1, 2, 3] as const;
const SCORES = [1, 2, 3, 4, 5] as const;
const SECOND_MS = 1000;

const percentiles = (samples: number[]): Percentiles => {
  const sorted = samples.map((ms) => ms / SECOND_MS).sort((a, b) => a - b);
  return { count: sorted.length, p50: nearestRank(sorted, 0.5), p90: nearestRank(sorted, 0.9) };
};

const onClocks = (took: Elapsed[]): ClockPercentiles => ({
  wall: percentiles(took.map((t) => t.wallMs)),
  business: percentiles(took.map((t) => t.businessMs)),
});

const countOf = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

export const summarizeMeasured = (records: Iterable<TicketRecord>, since: number | undefined): MeasuredSummary => {
  const measured: (TicketMeasures & { tier: 0 | 1 | 2 | 3 })[] = [];
  for (const record of records) {
    const m = measuresOf(record);
    if (m?.reported) measured.push({ ...m, tier: record.routed!.tier });
  }
  const answered = measured.flatMap((m) => (m.firstResponse ? [m.firstResponse] : []));
  const resolved = measured.filter((m) => m.resolution);
  const resolutions = resolved.map((m) => m.resolution!);
  const escalated = measured.filter((m) => m.escalated);
  const returns = measured.reduce((n, m) => n + m.returns, 0);
  const scores = measured.flatMap((m) => (m.csat === undefined ? [] : [m.csat]));
  const scoreCounts = tally(scores);
  return {
    since: since === undefined ? null : new Date(since).toISOString(),
    tickets: measured.length,
    firstContactResolution: rate(
      countOf(resolved, (m) => m.firstContactResolution === true),
      resolved.length,
    ),
    timeToFirstResponse: onClocks(answered),
    timeToResolution: onClocks(resolutions),
    sla: {
      firstResponse: rate(
        countOf(answered, (a) => a.met),
        answered.length,
      ),
      resolution: rate(
        countOf(resolutions, (r) => r.met),
        resolutions.length,
      ),
    },
    escalation: {
      byTier: TIERS.map((tier) => {
        const routedHere = measured.filter((m) => m.tier === tier);
        return {
          tier,
          ...rate(
            countOf(routedHere, (m) => m.escalated),
            routedHere.length,
          ),
        };
      }),
      rework: rate(
        countOf(escalated, (m) => m.returns > 0),
        escalated.length,
      ),
      missingFields: shares(tally(measured.flatMap((m) => m.missingFields)), returns)
        .sort(byCountThenKey)
        .slice(0, TOP_MISSING_FIELDS),
    },
    reopen: rate(
      countOf(resolved, (m) => m.reopened),
      resolved.length,
    ),
    csat: {
      count: scores.length,
      average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0,
      distribution: shares(
        SCORES.map((score) => [score, scoreCounts.get(score) ?? 0] as const),
        scores.length,
      ),
    },
  };
};
