import type { TenantStats } from './tenant-stats.ts';

export type Labels = Record<string, string>;
export type Sample = [labels: Labels, value: number];

/** One Prometheus metric, projected from each tenant's aggregates at scrape time. */
export interface Projection {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  labelNames: string[];
  samples(stats: TenantStats, now: number): Sample[];
}
