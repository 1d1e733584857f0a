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

  /** Partitions 0, 1 and 2 given a committed position, which their first offsets get at once. */
  const positioned = async () => {
    const offsets = deferred();
    for (const partition of [0, 1, 2]) await offsets.reached(partition, '0');
    expect(commits).toEqual([[{ partition: 0, offset: '0' }], [{ partition: 1, offset: '0' }], [{ partition: 2, offset: '0' }]]);
    commits = [];
    return offsets;
  };

  it("commits a partition's first offset at once, so the group has a position there before any is deferred", async () => {
    const offsets = deferred();
    await offsets.reached(0, '3');
    expect(commits).toEqual([[{ partition: 0, offset: '3' }]]);
    failNext = true;
    // A first commit that fails fails the caller (its chunk is redone), and the next one is again at once.
    await expect(offsets.reached(1, '8')).rejects.toThrow('rebalance in progress');
    await offsets.reached(1, '9');
    expect(commits).toEqual([[{ partition: 0, offset: '3' }], [{ partition: 1, offset: '9' }]]);
  });

  it('then commits the latest offset of each partition once, a delay after the first was reached', async () => {
    const offsets = await positioned();
    await offsets.reached(0, '5');
    await offsets.reached(1, '9');
    await offsets.reached(0, '6');
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
    const offsets = await positioned();
    await offsets.reached(0, '1');
    await offsets.reached(2, '4');
    offsets.retain([0, 1]);
    await offsets.flush();
    expect(commits).toEqual([[{ partition: 0, offset: '1' }]]);
    await offsets.reached(1, '3');
    offsets.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    await offsets.flush();
    expect(commits).toHaveLength(1);
  });

  it('reports a failed commit and tries its offsets again with the next flush, unless a later one was reached', async () => {
    const offsets = await positioned();
    failNext = true;
    await offsets.reached(0, '1');
    await offsets.reached(1, '7');
    await vi.advanceTimersByTimeAsync(250);
    expect(errors).toEqual([new Error('rebalance in progress')]);
    await offsets.reached(0, '2');
    await offsets.flush();
    expect(commits).toEqual([
      [
        { partition: 0, offset: '2' },
        { partition: 1, offset: '7' },
      ],
    ]);
  });

  it('does not send, once dropped, a commit that was waiting behind another', async () => {
    let release: () => void = () => {};
    const sent: PartitionOffset[][] = [];
    const offsets = new DeferredCommits(
      (batch) => {
        sent.push(batch);
        return sent.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      250,
      (error) => errors.push(error),
    );
    const first = offsets.reached(0, '1');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    // Its commit waits behind the first one when the consumer goes.
    const second = offsets.reached(1, '5');
    offsets.drop();
    release();
    await Promise.all([first, second]);
    expect(sent).toEqual([[{ partition: 0, offset: '1' }]]);
  });
});
