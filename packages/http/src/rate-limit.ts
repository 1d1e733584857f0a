import { createMiddleware } from 'hono/factory';
import { errorBody } from './http-errors.ts';
import type { ApiEnv } from './env.ts';

export interface RateLimitOptions {
  /** Sustained requests per second per credential. */
  perSecond: number;
  /** Requests allowed in a burst above the sustained rate. */
  burst: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token bucket per authenticated credential; over the limit answers 429 with Retry-After.
 * Hand-written rather than hono-rate-limiter: its stores count requests per window, which cannot
 * give a burst on top of a sustained rate (a window lets its whole count through at once).
 */
export const rateLimit = (options: RateLimitOptions) => {
  const now = options.now ?? Date.now;
  // Untouched this long, any bucket is full again: the same as no bucket, so it can be dropped.
  const refillMs = (options.burst / options.perSecond) * 1000;
  const buckets = new Map<string, Bucket>();
  let sweptAt = now();
  // At most one pass per refill time, so the map holds the credentials of recent requests only.
  const sweep = (t: number) => {
    if (t - sweptAt < refillMs) return;
    sweptAt = t;
    for (const [key, bucket] of buckets) if (t - bucket.updatedAt >= refillMs) buckets.delete(key);
  };
  return createMiddleware<ApiEnv>(async (c, next) => {
    const key = c.get('principal');
    const t = now();
    sweep(t);
    const bucket = buckets.get(key) ?? { tokens: options.burst, updatedAt: t };
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((t - bucket.updatedAt) / 1000) * options.perSecond);
    bucket.updatedAt = t;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.ceil((1 - bucket.tokens) / options.perSecond);
      c.header('Retry-After', String(retryAfter));
      return c.json(errorBody('rate_limited', `too many requests; retry in ${retryAfter} s`), 429);
    }
    bucket.tokens -= 1;
    await next();
  });
};
