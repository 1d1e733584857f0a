import type { Registry } from 'prom-client';
import type { BatchHandler } from '@triage/bus';
import { calendarFor, SlaCalendars } from '@triage/business-time';
import { Topics, type EventOf, type Topic } from '@triage/contracts';
import { RecentMap } from './bounded.ts';
import { registerSupportMetrics } from './prometheus.ts';
import { processingLatency } from './stage-latency.ts';
import { summarize, type SupportSummary } from './summary.ts';
import {
  emptyTenantStats,
  recordCategorized,
  recordDeflection,
  recordLifecycle,
  recordRouted,
  type StatsLimits,
  type TenantStats,
} from './tenant-stats.ts';

/** The topics the projector reads; subscribe it to these. */
export const supportMetricsTopics = [
  Topics.ticketsCategorized,
  Topics.ticketsRouted,
  Topics.deflectionsRecorded,
  Topics.ticketsLifecycleApplied,
] as const;

export interface SupportMetricsOptions {
  registry: Registry;
  now?: () => number;
  limits?: Partial<StatsLimits>;
  /** Event ids remembered to ignore redeliveries (the bus delivers at least once). */
  maxSeenEvents?: number;
  /** The desks' business hours, as the SLA watch reads them; unset, every clock runs 24x7. */
  calendars?: SlaCalendars;
}

export interface SupportMetrics {
  /** Folds one consumed event into its tenant's aggregates; other topics and repeats are ignored. */
  observe<T extends Topic>(topic: T, event: EventOf<T>): void;
  summary(tenantId: string): Promise<SupportSummary>;
  /** Tenants seen so far, sorted. */
  tenants(): string[];
}

const DEFAULT_LIMITS: StatsLimits = { maxTickets: 100_000, maxSamples: 10_000, minutes: 60 };

/**
 * An in-memory projection of the pipeline's events into per-tenant support figures, exposed as
 * Prometheus metrics (label `tenant`) on `registry` and as a JSON summary. It holds what this
 * process has observed since it started; counters restart with it, as Prometheus expects.
 */
export const createSupportMetrics = (options: SupportMetricsOptions): SupportMetrics => {
  const now = options.now ?? Date.now;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const calendars = options.calendars ?? SlaCalendars.parse({});
  const emptyStats = (tenantId: string) => emptyTenantStats(limits, (tier) => calendarFor(calendars, tenantId, tier));
  const tenants = new Map<string, TenantStats>();
  const seen = new RecentMap<string, true>(options.maxSeenEvents ?? 200_000);
  registerSupportMetrics(options.registry, tenants, now);

  const statsOf = (tenantId: string): TenantStats => {
    let stats = tenants.get(tenantId);
    if (!stats) {
      stats = emptyStats(tenantId);
      tenants.set(tenantId, stats);
    }
    return stats;
  };

  return {
    observe(topic, event) {
      if (!(supportMetricsTopics as readonly Topic[]).includes(topic) || seen.has(event.id)) return;
      seen.set(event.id, true);
      const stats = statsOf(event.tenantId);
      if (topic === Topics.ticketsCategorized) recordCategorized(stats, event as EventOf<typeof Topics.ticketsCategorized>);
      else if (topic === Topics.ticketsRouted) recordRouted(stats, event as EventOf<typeof Topics.ticketsRouted>, now());
      else if (topic === Topics.ticketsLifecycleApplied) recordLifecycle(stats, event as EventOf<typeof Topics.ticketsLifecycleApplied>);
      else recordDeflection(stats, event as EventOf<typeof Topics.deflectionsRecorded>, now());
    },
    async summary(tenantId) {
      return summarize(tenantId, tenants.get(tenantId) ?? emptyStats(tenantId), now(), await processingLatency(options.registry));
    },
    tenants: () => [...tenants.keys()].sort(),
  };
};

/**
 * A bus handler feeding `metrics` and publishing nothing. The figures are per process, so every
 * process serving `/ops` needs every event: give each its own consumer group.
 */
export const supportMetricsHandler =
  <T extends Topic>(metrics: SupportMetrics): BatchHandler<T> =>
  async (batch) => {
    for (const { topic, event } of batch) metrics.observe(topic, event);
    return [];
  };
