export interface Summary {
  n: number;
  p50: number;
  p99: number;
  /** Meaningful from about 1,000 samples on; below that it is the largest or next to largest. */
  p999: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export const summarize = (samples: number[]): Summary => {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    p999: round(percentile(sorted, 99.9)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    max: round(sorted.at(-1)!),
  };
};

/** The item whose `key` is the median (the upper one of an even count). */
export const medianBy = <T>(items: readonly T[], key: (item: T) => number): T => {
  if (items.length === 0) throw new Error('no items to take the median of');
  return [...items].sort((x, y) => key(x) - key(y))[Math.floor(items.length / 2)]!;
};

/** Milliseconds taken by each call of `fn`, one after another. */
export const timeEach = async <T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>): Promise<number[]> => {
  const samples: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await fn(input);
    samples.push(performance.now() - started);
  }
  return samples;
};

export { round };
