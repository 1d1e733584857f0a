import { describe, expect, it } from 'vitest';
import { backoffDelay, retryPolicy } from '../src/retry.ts';

describe('retry policy', () => {
  it('doubles the delay per failed attempt, with jitter in the upper half, capped at maxDelayMs', () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000 });
    for (const [attempt, ceiling] of [
      [1, 100],
      [2, 200],
      [3, 400],
      [4, 800],
      [5, 1_000],
      [9, 1_000],
    ] as const) {
      for (let i = 0; i < 50; i += 1) {
        const delay = backoffDelay(attempt, policy);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('refuses settings that cannot work, saying which', () => {
    expect(() => retryPolicy({ attempts: 0 })).toThrow('retry.attempts must be a positive integer, got 0');
    expect(() => retryPolicy({ baseDelayMs: 500, maxDelayMs: 100 })).toThrow('0 <= baseDelayMs <= maxDelayMs, got 500 and 100');
    expect(retryPolicy()).toEqual({ attempts: 5, baseDelayMs: 100, maxDelayMs: 5_000 });
  });
});
