import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeferredCommits, type PartitionOffset } from '../src/kafka/deferred-commits.ts';

describe('DeferredCommits', () => {
  let commits: PartitionOffset[][];
  let errors: unknown[];
  let failNext: boolean;
  const deferred = () =>
    new DeferredCommits(
      async (offsets) => {
        if (failNext) {
          failNext = false;
          throw new Error('rebalance in progress');
        }
        commits.push(offsets);
      },
      250,
      (error) => errors.push(error),
    );
  beforeEach(() => {
    commits = [];
    errors = [];
    failNext = false;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('commits the latest offset of each partition once, a delay after the first was reached', async () => {
    const offsets = deferred();
    offsets.reached(0, '5');
    offsets.reached(1, '9');
    offsets.reached(0, '6');
    await vi.advanceTimersByTimeAsync(249);
    expect(commits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(commits).toEqual([
      [
        { partition: 0, offset: '6' },
        { partition: 1, offset: '9' },
      ],
    ]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(commits).toHaveLength(1);
  });

  it('commits at once when flushed, forgets partitions no longer assigned, and drops what it is told to', async () => {
    const offsets = deferred();
    offsets.reached(0, '1');
    offsets.reached(2, '4');
    offsets.retain([0, 1]);
    await offsets.flush();
    expect(commits).toEqual([[{ partition: 0, offset: '1' }]]);
    offsets.reached(1, '3');
    offsets.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    await offsets.flush();
    expect(commits).toHaveLength(1);
  });

  it('reports a failed commit and still makes the next one', async () => {
    const offsets = deferred();
    failNext = true;
    offsets.reached(0, '1');
    await vi.advanceTimersByTimeAsync(250);
    expect(errors).toEqual([new Error('rebalance in progress')]);
    offsets.reached(0, '2');
    await offsets.flush();
    expect(commits).toEqual([[{ partition: 0, offset: '2' }]]);
  });
});
