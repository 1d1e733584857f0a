import { describe, expect, it } from 'vitest';
import { processInChunks } from '../src/kafka/chunks.ts';

/** A promise with its resolve and reject exposed. */
const deferred = <T = void>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ([resolve, reject] = [res, rej]));
  return { promise, resolve, reject };
};

describe('processInChunks', () => {
  it('commits every chunk in order, flagging the last', async () => {
    const committed: [number[], boolean][] = [];
    await processInChunks([1, 2, 3, 4, 5], 2, {
      process: async (chunk) => chunk.map((n) => n * 10),
      commit: async (result, _chunk, isLast) => void committed.push([result, isLast]),
      proceed: () => true,
    });
    expect(committed).toEqual([
      [[10, 20], false],
      [[30, 40], false],
      [[50], true],
    ]);
  });

  it('processes the next chunk while the one before it commits', { timeout: 2_000 }, async () => {
    const secondStarted = deferred();
    const events: string[] = [];
    await processInChunks(['a', 'b'], 1, {
      process: async ([item]) => {
        events.push(`process ${item}`);
        if (item === 'b') secondStarted.resolve();
        return item!;
      },
      // The first commit only finishes once the second chunk is being processed: run one after
      // the other, this would never return.
      commit: async (item) => {
        if (item === 'a') await secondStarted.promise;
        events.push(`commit ${item}`);
      },
      proceed: () => true,
    });
    expect(events).toEqual(['process a', 'process b', 'commit a', 'commit b']);
  });

  it('lets the chunk in flight finish before a failed commit is thrown, and starts no other', async () => {
    const inFlight = deferred<string>();
    const processed: string[] = [];
    let settled = false;
    const run = processInChunks(['a', 'b', 'c'], 1, {
      process: async ([item]) => {
        processed.push(item!);
        return item === 'b' ? inFlight.promise : item!;
      },
      commit: async (item) => {
        if (item === 'a') throw new Error('the broker refused the commit');
      },
      proceed: () => true,
    }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    inFlight.resolve('b');
    await expect(run).rejects.toThrow('the broker refused the commit');
    expect(processed).toEqual(['a', 'b']);
  });

  it('starts no chunk once proceed() is false, and commits the one already processed', async () => {
    const committed: string[] = [];
    let running = true;
    await processInChunks(['a', 'b', 'c'], 1, {
      process: async ([item]) => item!,
      commit: async (item) => {
        committed.push(item);
        running = false;
      },
      proceed: () => running,
    });
    // 'b' started while 'a' committed, before the stop was seen: in flight, it finishes and commits.
    expect(committed).toEqual(['a', 'b']);
  });

  it('throws a chunk that failed while the one before it committed, once that commit is done', async () => {
    const committed: string[] = [];
    await expect(
      processInChunks(['a', 'b'], 1, {
        process: async ([item]) => {
          if (item === 'b') throw new Error('b could not be processed');
          return item!;
        },
        commit: async (item) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          committed.push(item);
        },
        proceed: () => true,
      }),
    ).rejects.toThrow('b could not be processed');
    expect(committed).toEqual(['a']);
  });
});
