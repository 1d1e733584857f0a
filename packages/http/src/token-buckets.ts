export interface RateLimitOptions {
  /** Sustained requests per second per bucket. */
  perSecond: number;
  /** Requests allowed in a burst above the sustained rate. */
  burst: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface TokenBuckets {
  /** Whole seconds until `key` has a token; 0 when it has one now. */
  wait(key: string): number;
  /** Spends one of `key`'s tokens when it has one; returns what `wait` would have. */
  take(key: string): number;
}

/**
 * Token buckets by key. Hand-written rather than hono-rate-limiter: its stores count requests per
 * window, which cannot give a burst on top of a sustained rate (a window lets its whole count through at once).
 */
export const tokenBuckets = (options: RateLimitOptions): TokenBuckets => {
  const now = options.now ?? Date.now;
  // Untouched this long, any bucket is full again: the same as no bucket, so it can be dropped.
  const refillMs = (options.burst / options.perSecond) * 1000;
  const buckets = new Map<string, Bucket>();
  let sweptAt = now();
  // At most one pass per refill time, so the map holds the keys of recent requests only.
  const sweep = (t: number) => {
    if (t - sweptAt < refillMs) return;
    sweptAt = t;
    for (const [key, bucket] of buckets) if (t - bucket.updatedAt >= refillMs) buckets.delete(key);
  };
  const refilled = (key: string): Bucket => {
    const t = now();
    sweep(t);
    const bucket = buckets.get(key) ?? { tokens: options.burst, updatedAt: t };
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((t - bucket.updatedAt) / 1000) * options.perSecond);
    bucket.updatedAt = t;
    buckets.set(key, bucket);
    return bucket;
  };
  const secondsUntilToken = (bucket: Bucket) => (bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / options.perSecond));
  return {
    wait: (key) => secondsUntilToken(refilled(key)),
    take(key) {
      const bucket = refilled(key);
      const wait = secondsUntilToken(bucket);
      if (wait === 0) bucket.tokens -= 1;
      return wait;
    },
  };
};
