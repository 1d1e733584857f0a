/** How a failing handler is retried before its events are dead-lettered. */
export interface RetryPolicy {
  /** Handler calls per batch before giving up, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 5_000 };

export const retryPolicy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => {
  const policy = { ...defaultRetryPolicy, ...overrides };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1)
    throw new Error(`retry.attempts must be a positive integer, got ${policy.attempts}`);
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= policy.baseDelayMs)) {
    throw new Error(`retry delays must satisfy 0 <= baseDelayMs <= maxDelayMs, got ${policy.baseDelayMs} and ${policy.maxDelayMs}`);
  }
  return policy;
};

/**
 * Exponential backoff with jitter in its upper half, so stages that failed together on a shared
 * outage do not all come back in the same millisecond.
 */
export const backoffDelay = (failedAttempt: number, policy: RetryPolicy): number => {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
};
