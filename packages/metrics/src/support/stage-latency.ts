import type { Histogram, Registry } from 'prom-client';
import { STAGE_DURATION } from '../stage-metrics.ts';
import { histogramQuantiles, type Bucket, type LatencyQuantiles } from './quantiles.ts';

export type StageLatency = LatencyQuantiles & { stage: string };

/**
 * Per-stage processing time from the stage histogram on `registry`, summed over services. Empty
 * when no stage runs in this process (intake alone, with the workers elsewhere).
 */
export const processingLatency = async (registry: Registry): Promise<StageLatency[]> => {
  const histogram = registry.getSingleMetric(STAGE_DURATION) as Histogram | undefined;
  if (!histogram) return [];
  const byStage = new Map<string, Map<number, number>>();
  for (const { metricName, labels, value } of (await histogram.get()).values) {
    if (!metricName?.endsWith('_bucket')) continue;
    const stage = String(labels.stage);
    const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
    const buckets = byStage.get(stage) ?? new Map<number, number>();
    buckets.set(le, (buckets.get(le) ?? 0) + value);
    byStage.set(stage, buckets);
  }
  return [...byStage]
    .map(([stage, buckets]) => ({ stage, ...histogramQuantiles([...buckets].map(([le, count]): Bucket => ({ le, count }))) }))
    .filter((s) => s.count > 0)
    .sort((a, b) => a.stage.localeCompare(b.stage));
};
