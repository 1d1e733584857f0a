import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { ApiEnv } from './env.ts';
import { tooManyRequests } from './rate-limit.ts';
import { tokenBuckets } from './token-buckets.ts';

export const AuthFailureConfig = z.object({
  AUTH_FAILURES_PER_MINUTE: z.coerce
    .number()
    .positive()
    .default(10)
    .describe('Failed authentications (401) a client address may make per minute, sustained, before it gets 429 on authenticated routes.'),
  AUTH_FAILURE_BURST: z.coerce
    .number()
    .int()
    .positive()
    .default(20)
    .describe('Failed authentications a client address may make in a burst above that rate.'),
});
export type AuthFailureConfig = z.infer<typeof AuthFailureConfig>;

/**
 * Throttles key guessing: each 401 a client address earns spends a token of its bucket, and once
 * the bucket is empty that address gets 429 before its key is even looked up. Unknown keys are
 * never cached, so without this every guess would also cost a database query. Runs after
 * `clientAddress` and before the key middleware.
 */
export const authFailureLimit = (config: AuthFailureConfig, now?: () => number) => {
  const buckets = tokenBuckets({ perSecond: config.AUTH_FAILURES_PER_MINUTE / 60, burst: config.AUTH_FAILURE_BURST, now });
  return createMiddleware<ApiEnv>(async (c, next) => {
    const client = c.get('clientIp');
    const wait = buckets.wait(client);
    if (wait > 0) return tooManyRequests(c, wait, 'too many failed authentications from this address');
    await next();
    if (c.res.status === 401) buckets.take(client);
  });
};
