export interface LatencyQuantiles {
  count: number;
  /** Seconds. */
  p50: number;
  p95: number;
  p99: number;
}

const QUANTILES = [0.5, 0.95, 0.99] as const;

/**
 * The nearest-rank `q` quantile of samples sorted ascending: the smallest sample with at least
 * `q` of them at or below it (0 when there are none). Always a sample, never an interpolation, so
 * a figure can be checked against the samples by hand.
 */
export const nearestRank = (sorted: readonly number[], q: number): number =>
  sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]! : 0;

/** Nearest-rank quantiles of raw samples (seconds). */
export const sampleQuantiles = (samples: readonly number[]): LatencyQuantiles => {
  const sorted = [...samples].sort((a, b) => a - b);
  const [p50, p95, p99] = QUANTILES.map((q) => nearestRank(sorted, q)) as [number, number, number];
  return { count: sorted.length, p50, p95, p99 };
};

/** A cumulative histogram bucket: `count` observations were at most `le` seconds. */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * Quantiles estimated from cumulative buckets the way Prometheus' `histogram_quantile` does:
 * linear interpolation inside the bucket holding the rank, and the highest finite bound when
 * the rank falls in the `+Inf` bucket.
 */
export const histogramQuantiles = (buckets: readonly Bucket[]): LatencyQuantiles => {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  const at = (q: number): number => {
    if (total === 0) return 0;
    const rank = q * total;
    let lower = 0;
    let below = 0;
    for (const { le, count } of sorted) {
      if (count >= rank) {
        if (le === Infinity) return lower;
        return lower + (le - lower) * ((rank - below) / Math.max(count - below, 1));
      }
      lower = le;
      below = count;
    }
    return lower;
  };
  const [p50, p95, p99] = QUANTILES.map(at) as [number, number, number];
  return { count: total, p50, p95, p99 };
};
