/**
 * When the next attempt goes, after attempt number `attempt` (from 1) failed: the base doubled per
 * attempt, less up to half at random, so receivers that failed together are not retried together.
 */
export const retryDelayMs = (attempt: number, baseMs: number, random: () => number = Math.random): number =>
  baseMs * 2 ** (attempt - 1) * (1 - random() / 2);
