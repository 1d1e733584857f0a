import type { Priority } from '@triage/contracts';
import type { MinuteCounts } from './minute-series.ts';
import { sampleQuantiles } from './quantiles.ts';
import { slaCounts, type SlaCounts } from './sla.ts';
import type { StageLatency } from './stage-latency.ts';
import { demandOf, type TenantStats } from './tenant-stats.ts';

export interface Share<K extends string | number = string> {
  key: K;
  count: number;
  /** count / total, 0 when there is no total. */
  share: number;
}

export interface Rate {
  count: number;
  of: number;
  /** count / of, 0 when `of` is 0. */
  rate: number;
}

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
}

const TOP_ARTICLES = 10;

const rate = (count: number, of: number): Rate => ({ count, of, rate: of ? count / of : 0 });
const shares = <K extends string | number>(entries: Iterable<readonly [K, number]>, total: number): Share<K>[] =>
  [...entries].map(([key, count]) => ({ key, count, share: total ? count / total : 0 }));

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
    categories: shares(stats.byCategory, stats.routed).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    priorities: shares(Object.entries(stats.byPriority) as [Priority, number][], stats.routed),
    sla: slaCounts(stats.sla.values(), now),
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
