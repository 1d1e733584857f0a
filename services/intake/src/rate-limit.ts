import { createMiddleware } from 'hono/factory';
import { errorBody } from './http-errors.ts';
import type { IntakeEnv } from './env.ts';

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

/** Token bucket per authenticated credential; over the limit answers 429 with Retry-After. */
export const rateLimit = (options: RateLimitOptions) => {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  return createMiddleware<IntakeEnv>(async (c, next) => {
    const key = c.get('principal');
    const t = now();
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
