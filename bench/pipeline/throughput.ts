import type { Seen } from './observer.ts';

export interface Throughput {
  n: number;
  seconds: number;
  perSecond: number;
}

/** `keys` from the first hop's first output to the last one read at the end of the chain. */
export const throughput = (first: Seen[], last: Seen[], keys: Set<string>): Throughput => {
  const startedAt = Math.min(...first.filter((s) => keys.has(s.key)).map((s) => s.sentAt));
  const finishedAt = Math.max(...last.filter((s) => keys.has(s.key)).map((s) => s.consumedAt));
  const seconds = (finishedAt - startedAt) / 1000;
  return { n: keys.size, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(keys.size / seconds) };
};
