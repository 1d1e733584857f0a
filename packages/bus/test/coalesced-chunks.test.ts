import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CoalescedChunks } from '../src/kafka/coalesced-chunks.ts';

/** A coalescer whose processing records each whole it is given and answers with it. */
const recording = (maxSize: number) => {
  const wholes: string[][] = [];
  const chunks = new CoalescedChunks(async (items: string[]) => {
    wholes.push(items);
    return items.join(',');
  }, maxSize);
  return { chunks, wholes };
};

describe('CoalescedChunks', () => {
  it('processes the chunks handed in within one turn as one, in the order they came', async () => {
    const { chunks, wholes } = recording(10);
    const results = await Promise.all([chunks.add(['a1', 'a2']), chunks.add(['b1']), chunks.add(['c1'])]);
    expect(wholes).toEqual([['a1', 'a2', 'b1', 'c1']]);
    expect(results).toEqual(['a1,a2,b1,c1', 'a1,a2,b1,c1', 'a1,a2,b1,c1']);
  });

  it('processes a chunk handed in on a later turn on its own', async () => {
    const { chunks, wholes } = recording(10);
    const first = chunks.add(['a1']);
    await nextTurn();
    const second = chunks.add(['b1']);
    expect(await Promise.all([first, second])).toEqual(['a1', 'b1']);
    expect(wholes).toEqual([['a1'], ['b1']]);
  });

  it('starts a new whole rather than pass the maximum, and processes a full one at once', async () => {
    const { chunks, wholes } = recording(3);
    const results = Promise.all([chunks.add(['a1', 'a2']), chunks.add(['b1', 'b2']), chunks.add(['c1'])]);
    // `a` alone went at once when `b` would have passed 3; `b` and `c` filled the next, which went too.
    expect(wholes).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2', 'c1'],
    ]);
    expect(await results).toEqual(['a1,a2', 'b1,b2,c1', 'b1,b2,c1']);
  });

  it('rejects every chunk of a whole whose processing failed, and processes the next whole', async () => {
    let calls = 0;
    const chunks = new CoalescedChunks(async (items: string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('handler down');
      return items.length;
    }, 10);
    const failed = [chunks.add(['a1']), chunks.add(['b1'])];
    await expect(failed[0]).rejects.toThrow('handler down');
    await expect(failed[1]).rejects.toThrow('handler down');
    expect(await chunks.add(['a2'])).toBe(1);
  });
});
