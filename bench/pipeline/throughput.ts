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

/** `keys` from the first hop's first output to the last one read at the end of the chain. */
export const throughput = (first: Seen[], last: Seen[], keys: Set<string>): Throughput => {
  const startedAt = Math.min(...first.filter((s) => keys.has(s.key)).map((s) => s.sentAt));
  const readAt = last.filter((s) => keys.has(s.key)).map((s) => s.consumedAt).sort((a, b) => a - b);
  const seconds = (readAt.at(-1)! - startedAt) / 1000;
  const at = (quantile: number) => Math.floor(quantile * (readAt.length - 1));
  const steadySeconds = (readAt[at(STEADY_TO)]! - readAt[at(STEADY_FROM)]!) / 1000;
  const wholePerSecond = Math.round(keys.size / seconds);
  return {
    n: keys.size,
    seconds: Math.round(seconds * 100) / 100,
    wholePerSecond,
    // Read in one fetch, the window has no length: nothing tells a steady rate apart.
    perSecond: steadySeconds > 0 ? Math.round((at(STEADY_TO) - at(STEADY_FROM)) / steadySeconds) : wholePerSecond,
  };
};
