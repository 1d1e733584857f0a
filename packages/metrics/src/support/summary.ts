import type { Priority } from '@triage/contracts';
import type { MinuteCounts } from './minute-series.ts';
import { sampleQuantiles } from './quantiles.ts';
import { byCountThenKey, rate, type Rate, type Share, shares } from './rates.ts';
import { slaCounts, type SlaCounts } from './sla.ts';
import { backlogOf, type Backlog } from './backlog.ts';
import type { MeasuredSummary } from './measured.ts';
import type { StageLatency } from './stage-latency.ts';
import { demandOf, measuredOf, type TenantStats } from './tenant-stats.ts';

export interface ArticleHelpfulness {
  articleId: string;
  title: string;
  resolved: number;
  unresolved: number;
  /** resolved / (resolved + unresolved). */
  helpfulness: number;
}

/** One tenant's support figures at one moment: what `/ops` shows and `/ops/summary.json` returns. */
export interface SupportSummary {
  tenantId: string;
  generatedAt: string;
  ticketsRouted: number;
  /**
   * Deflected tickets over all demand: resolved deflections / (resolved + unresolved deflections +
   * routed tickets that did not come from a deflection). See `demandOf`.
   */
  deflection: Rate & { unresolved: number; shown: number };
  /** Share of routed tickets per support tier, 0 (self-service) to 3 (engineering). */
  escalationByTier: Share<0 | 1 | 2 | 3>[];
  categories: Share[];
  priorities: Share<Priority>[];
  sla: SlaCounts;
  /** Categorized tickets the categorizer abstained on (sent to needs-triage). */
  abstention: Rate;
  /** Routed tickets whose best knowledge-base article was good enough for self-service. */
  kbHit: Rate;
  /** Most helpful articles first (by resolved votes, then helpfulness). */
  articles: ArticleHelpfulness[];
  latency: {
    /** Processing time per event per stage, all tenants, from this process' stage histogram. */
    processing: StageLatency[];
    /** This tenant's ticket age (since received) when categorized and when routed. */
    age: StageLatency[];
  };
  /** Resolved deflections and escalations (routed at tier 1 or above) per minute. */
  timeline: MinuteCounts[];
  /**
   * What the helpdesk's lifecycle reports measure (`measured.since` is null until the first one);
   * the routing figures above (`escalationByTier`, `sla`) are Triage's predictions until then.
   */
  measured: MeasuredSummary & { backlog: Backlog };
}

const TOP_ARTICLES = 10;

export const summarize = (tenantId: string, stats: TenantStats, now: number, processing: StageLatency[]): SupportSummary => {
  const { resolved, unresolved, shown } = stats.deflections;
  return {
    tenantId,
    generatedAt: new Date(now).toISOString(),
    ticketsRouted: stats.routed,
    deflection: { ...rate(resolved, demandOf(stats)), unresolved, shown },
    escalationByTier: shares(
      stats.byTier.map((n, tier) => [tier as 0 | 1 | 2 | 3, n] as const),
      stats.routed,
    ),
    categories: shares(stats.byCategory, stats.routed).sort(byCountThenKey),
    priorities: shares(Object.entries(stats.byPriority) as [Priority, number][], stats.routed),
    sla: slaCounts(stats.tickets.values(), now),
    measured: { ...measuredOf(stats), backlog: backlogOf(stats.tickets.values(), now) },
    abstention: rate(stats.abstained, stats.categorized),
    kbHit: rate(stats.selfServe, stats.routed),
    articles: [...stats.articles]
      .map(([articleId, v]) => ({ articleId, ...v, helpfulness: v.resolved / (v.resolved + v.unresolved) }))
      .sort((a, b) => b.resolved - a.resolved || b.helpfulness - a.helpfulness || a.articleId.localeCompare(b.articleId))
      .slice(0, TOP_ARTICLES),
    latency: {
      processing,
      age: (['categorized', 'routed'] as const)
        .map((stage) => ({ stage, ...sampleQuantiles(stats.ages[stage].snapshot()) }))
        .filter((s) => s.count > 0),
    },
    timeline: stats.perMinute.series(now),
  };
};
