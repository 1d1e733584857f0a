import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { errorBody } from './http-errors.ts';
import type { ApiEnv } from './env.ts';
import { type RateLimitOptions, tokenBuckets } from './token-buckets.ts';

/** Every API key's budget (a widget key's too, at intake), whichever route of the service it calls. */
export const RateLimitConfig = z.object({
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50).describe('Sustained requests per second per API or widget key.'),
  RATE_LIMIT_BURST: z.coerce
    .number()
    .int()
    .positive()
    .default(200)
    .describe('Requests a key may make in a burst above the sustained rate.'),
});
export type RateLimitConfig = z.infer<typeof RateLimitConfig>;

/** The token-bucket options of those settings. */
export const keyRateLimit = (config: RateLimitConfig): RateLimitOptions => ({
  perSecond: config.RATE_LIMIT_PER_SECOND,
  burst: config.RATE_LIMIT_BURST,
});

/** The 429 every limit answers: the shared error body and when to come back. */
export const tooManyRequests = (c: Context, retryAfter: number, what = 'too many requests') => {
  c.header('Retry-After', String(retryAfter));
  return c.json(errorBody('rate_limited', `${what}; retry in ${retryAfter} s`), 429);
};

/**
 * A token bucket per authenticated credential, or per whatever `bucketOf` names (a credential and a
 * client together); over the limit answers 429 with Retry-After.
 */
export const rateLimit = (options: RateLimitOptions, bucketOf: (c: Context<ApiEnv>) => string = (c) => c.get('principal')) => {
  const buckets = tokenBuckets(options);
  return createMiddleware<ApiEnv>(async (c, next) => {
    const wait = buckets.take(bucketOf(c));
    if (wait > 0) return tooManyRequests(c, wait);
    await next();
  });
};
