import { describe, expect, it } from 'vitest';
import { histogramQuantiles, sampleQuantiles } from '../src/support/quantiles.ts';

describe('quantiles', () => {
  it('takes the nearest rank of raw samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, unsorted
    expect(sampleQuantiles(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99 });
    expect(sampleQuantiles([])).toEqual({ count: 0, p50: 0, p95: 0, p99: 0 });
  });

  it('interpolates inside the bucket holding the rank, like histogram_quantile', () => {
    // 100 observations: 40 at most 0.1 s, 50 more at most 0.5 s, 10 more at most 1 s.
    const q = histogramQuantiles([
      { le: 0.1, count: 40 },
      { le: 0.5, count: 90 },
      { le: 1, count: 100 },
      { le: Infinity, count: 100 },
    ]);
    expect(q.count).toBe(100);
    expect(q.p50).toBeCloseTo(0.1 + 0.4 * (10 / 50)); // rank 50 is the 10th of 50 in (0.1, 0.5]
    expect(q.p95).toBeCloseTo(0.5 + 0.5 * (5 / 10));
    expect(q.p99).toBeCloseTo(0.5 + 0.5 * (9 / 10));
  });

  it('answers the highest finite bound when the rank is in the +Inf bucket', () => {
    expect(
      histogramQuantiles([
        { le: 1, count: 1 },
        { le: Infinity, count: 10 },
      ]).p50,
    ).toBe(1);
  });
});
