import type { Calendar } from '@triage/business-time';
import type { CustomerTier, DeflectionOutcome, EventOf, Priority, Topics } from '@triage/contracts';
import { RecentMap, SampleWindow } from './bounded.ts';
import { type MeasuredSummary, summarizeMeasured } from './measured.ts';
import { MinuteSeries } from './minute-series.ts';
import { routedFacts, type TicketRecord } from './ticket-record.ts';

export interface ArticleVotes {
  title: string;
  resolved: number;
  unresolved: number;
}

export interface StatsLimits {
  /** Tickets remembered per tenant for SLA accounting and the measured metrics; the oldest are forgotten first. */
  maxTickets: number;
  /** Latency samples kept per tenant and stage. */
  maxSamples: number;
  /** Length of the per-minute time series. */
  minutes: number;
}

/** One tenant's running aggregates, fed by the events the projector observes. */
export interface TenantStats {
  routed: number;
  /** Routed tickets that did not start as an unresolved deflection: the rest of the demand. */
  routedDirect: number;
  selfServe: number;
  byTier: [number, number, number, number];
  byPriority: Record<Priority, number>;
  byCategory: Map<string, number>;
  categorized: number;
  abstained: number;
  deflections: Record<DeflectionOutcome, number>;
  articles: Map<string, ArticleVotes>;
  /** Each ticket's routing and lifecycle reports: what SLA accounting and the measured metrics read. */
  tickets: RecentMap<string, TicketRecord>;
  /** The earliest occurredAt of a lifecycle report: since when the figures are measured. */
  firstReportAt?: number | undefined;
  /** The measured figures as of the last change, computed on demand. */
  measured?: MeasuredSummary | undefined;
  /** The desk's calendar for a customer tier: where business time is counted. */
  calendarOf: (tier: CustomerTier) => Calendar;
  /** Ticket age (seconds since received) when it was categorized and when it was routed. */
  ages: { categorized: SampleWindow; routed: SampleWindow };
  perMinute: MinuteSeries;
}

export const emptyTenantStats = (limits: StatsLimits, calendarOf: TenantStats['calendarOf']): TenantStats => ({
  routed: 0,
  routedDirect: 0,
  selfServe: 0,
  byTier: [0, 0, 0, 0],
  byPriority: { P1: 0, P2: 0, P3: 0, P4: 0 },
  byCategory: new Map(),
  categorized: 0,
  abstained: 0,
  deflections: { shown: 0, resolved: 0, unresolved: 0 },
  articles: new Map(),
  tickets: new RecentMap(limits.maxTickets),
  calendarOf,
  ages: { categorized: new SampleWindow(limits.maxSamples), routed: new SampleWindow(limits.maxSamples) },
  perMinute: new MinuteSeries(limits.minutes),
});

/**
 * All demand for support: self-service attempts with a verdict plus tickets that came straight
 * in. An unresolved deflection becomes a ticket, so it is counted once, as the attempt; a
 * deflection only `shown` (no verdict yet) is left out.
 */
export const demandOf = (stats: TenantStats): number => stats.deflections.resolved + stats.deflections.unresolved + stats.routedDirect;

const ageSeconds = (event: { occurredAt: string; payload: { ticket: { receivedAt: string } } }): number =>
  Math.max(0, (Date.parse(event.occurredAt) - Date.parse(event.payload.ticket.receivedAt)) / 1000);

export const recordCategorized = (stats: TenantStats, event: EventOf<typeof Topics.ticketsCategorized>): void => {
  stats.categorized += 1;
  if (event.payload.categorization.abstained) stats.abstained += 1;
  stats.ages.categorized.push(ageSeconds(event));
};

const recordOf = (stats: TenantStats, ticketId: string): TicketRecord => {
  const known = stats.tickets.get(ticketId);
  if (known) return known;
  const record: TicketRecord = { reports: new Map() };
  stats.tickets.set(ticketId, record);
  return record;
};

const changed = (stats: TenantStats, record: TicketRecord): void => {
  record.measures = undefined;
  stats.measured = undefined;
};

export const recordRouted = (stats: TenantStats, event: EventOf<typeof Topics.ticketsRouted>, now: number): void => {
  const { ticket, categorization, retrieval, escalation } = event.payload;
  stats.routed += 1;
  if (!ticket.deflection) stats.routedDirect += 1;
  if (retrieval.selfServe) stats.selfServe += 1;
  stats.byTier[escalation.tier as 0 | 1 | 2 | 3] += 1;
  stats.byPriority[escalation.priority] += 1;
  stats.byCategory.set(categorization.category, (stats.byCategory.get(categorization.category) ?? 0) + 1);
  const record = recordOf(stats, ticket.id);
  record.routed = routedFacts(event, stats.calendarOf(ticket.customer.tier));
  changed(stats, record);
  stats.ages.routed.push(ageSeconds(event));
  // Tier 0 is the self-service queue; from tier 1 up a person takes the ticket.
  if (escalation.tier > 0) stats.perMinute.add('escalations', Date.parse(event.occurredAt), now);
};

/**
 * A verdict counts for one article, the one intake credited: the article the customer opened, else
 * the top answer of a deflectable question. Events from before `creditedArticleId` existed name none:
 * their top answer stands in, unless the question was not deflectable (no article was offered).
 */
export const recordDeflection = (stats: TenantStats, event: EventOf<typeof Topics.deflectionsRecorded>, now: number): void => {
  const { outcome, solutions, creditedArticleId, deflectable } = event.payload;
  stats.deflections[outcome] += 1;
  if (outcome === 'shown') return;
  const credited =
    creditedArticleId === undefined ? (deflectable ? solutions[0] : undefined) : solutions.find((s) => s.articleId === creditedArticleId);
  if (credited) {
    const votes = stats.articles.get(credited.articleId) ?? { title: credited.title, resolved: 0, unresolved: 0 };
    votes[outcome] += 1;
    stats.articles.set(credited.articleId, votes);
  }
  if (outcome === 'resolved') stats.perMinute.add('deflections', Date.parse(event.occurredAt), now);
};

/** A report is kept once per ticket and id: the lifecycle publishes each with the same id every time. */
export const recordLifecycle = (stats: TenantStats, event: EventOf<typeof Topics.ticketsLifecycleApplied>): void => {
  const { ticketId, report } = event.payload;
  const record = recordOf(stats, ticketId);
  if (record.reports.has(report.id)) return;
  record.reports.set(report.id, report);
  changed(stats, record);
  const at = Date.parse(report.occurredAt);
  stats.firstReportAt = Math.min(at, stats.firstReportAt ?? at);
};

export const measuredOf = (stats: TenantStats): MeasuredSummary => {
  stats.measured ??= summarizeMeasured(stats.tickets.values(), stats.firstReportAt);
  return stats.measured;
};
