export interface Share<K extends string | number = string> {
  key: K;
  count: number;
  /** count / total, 0 when there is no total. */
  share: number;
}

export interface Rate {
  count: number;
  of: number;
  /** count / of, 0 when `of` is 0. */
  rate: number;
}

export const rate = (count: number, of: number): Rate => ({ count, of, rate: of ? count / of : 0 });

export const shares = <K extends string | number>(entries: Iterable<readonly [K, number]>, total: number): Share<K>[] =>
  [...entries].map(([key, count]) => ({ key, count, share: total ? count / total : 0 }));

/** How many times each value occurs, in order of first occurrence. */
export const tally = <K>(values: Iterable<K>): Map<K, number> => {
  const counts = new Map<K, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};

/** Largest count first, ties by key, so equal figures always list the same way. */
export const byCountThenKey = <K extends string | number>(a: Share<K>, b: Share<K>): number =>
  b.count - a.count || String(a.key).localeCompare(String(b.key));
