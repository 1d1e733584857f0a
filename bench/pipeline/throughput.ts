import type { Seen } from './observer.ts';

export interface Throughput {
  n: number;
  /** From the first hop's first output to the last output read at the end of the chain. */
  seconds: number;
  /** `n / seconds`: the whole backlog, the pipeline filling at its start and draining at its end included. */
  wholePerSecond: number;
  /**
   * Outputs read per second between the 10th and the 80th percentile of their read times: the rate
   * with every stage at work, which the share of the ceiling and the scaling factor use. A backlog
   * of 3,000 spends over a second filling the pipeline (the first chunks of 100 cross four stages
   * before any ticket is routed), which would otherwise count as lost throughput; and its last
   * tenth or so is in flight behind the slowest stage when that stage runs out of input, and
   * drains faster than the full pipeline runs. Meaningless for a backlog not much larger than what
   * is in flight.
   */
  perSecond: number;
}

const STEADY_FROM = 0.1;
const STEADY_TO = 0.8;

/**
 * `keys` from the first hop's first output to the last one read at the end of the chain, and the
 * steady rate between the two percentiles. Outputs arrive in fetched batches that share one read
 * time, so the window counts what was read after its first batch up to and with its last.
 */
export const throughput = (first: Seen[], last: Seen[], keys: Set<string>): Throughput => {
  const startedAt = Math.min(...first.filter((s) => keys.has(s.key)).map((s) => s.sentAt));
  const firstReads = new Map<string, number>();
  for (const s of last) if (keys.has(s.key) && !firstReads.has(s.key)) firstReads.set(s.key, s.consumedAt);
  if (firstReads.size !== keys.size) throw new Error(`${firstReads.size} of ${keys.size} outputs were read`);
  const readAt = [...firstReads.values()].sort((a, b) => a - b);
  const seconds = (readAt.at(-1)! - startedAt) / 1000;
  const wholePerSecond = Math.round(keys.size / seconds);
  const from = readAt[Math.floor(STEADY_FROM * (readAt.length - 1))]!;
  const to = readAt[Math.floor(STEADY_TO * (readAt.length - 1))]!;
  const inWindow = readAt.filter((t) => t > from && t <= to).length;
  return {
    n: keys.size,
    seconds: Math.round(seconds * 100) / 100,
    wholePerSecond,
    // Read in one fetch, the window has no length: nothing tells a steady rate apart.
    perSecond: to > from ? Math.round(inWindow / ((to - from) / 1000)) : wholePerSecond,
  };
};
