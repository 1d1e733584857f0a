import { describe, expect, it } from 'vitest';
import type { Seen } from './observer.ts';
import { throughput } from './throughput.ts';

const seen = (key: string, sentAt: number, consumedAt = sentAt): Seen => ({ key, sentAt, consumedAt, bytes: 1 });
const keysOf = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

describe('throughput', () => {
  it('counts the whole backlog from the first input to the last read, and the steady rate without the fill', () => {
    const keys = keysOf(101);
    const first = keys.map((k) => seen(k, 0));
    // Nothing comes out for the first 1,000 ms (the pipeline filling), then one ticket every 10 ms.
    const last = keys.map((k, i) => seen(k, 0, 1_000 + 10 * i));
    const run = throughput(first, last, new Set(keys));
    expect(run).toEqual({ n: 101, seconds: 2, wholePerSecond: 51, perSecond: 100 });
  });

  it('leaves out the fast drain at the end', () => {
    const keys = keysOf(100);
    // 85 tickets at one every 10 ms, then the last 15 all at once as the pipeline drains.
    const last = keys.map((k, i) => seen(k, 0, i < 85 ? 10 * (i + 1) : 851));
    expect(
      throughput(
        keys.map((k) => seen(k, 0)),
        last,
        new Set(keys),
      ).perSecond,
    ).toBe(100);
  });

  it('counts batches read together as one: the rate does not depend on where a percentile falls in a batch', () => {
    const keys = keysOf(200);
    // Batches of 20 read every 200 ms: 100 tickets a second.
    const last = keys.map((k, i) => seen(k, 0, 200 * (Math.floor(i / 20) + 1)));
    expect(
      throughput(
        keys.map((k) => seen(k, 0)),
        last,
        new Set(keys),
      ).perSecond,
    ).toBe(100);
  });

  it('counts a ticket read twice once, and ignores messages of other runs on the same topics', () => {
    const keys = keysOf(11);
    const first = [seen('other', -5_000), ...keys.map((k) => seen(k, 0))];
    const last = [...keys.map((k, i) => seen(k, 0, 100 * (i + 1))), seen('t3', 0, 1_050), seen('other', 0, 60_000)];
    const run = throughput(first, last, new Set(keys));
    expect(run.seconds).toBe(1.1);
    expect(run.wholePerSecond).toBe(10);
    expect(run.perSecond).toBe(10);
  });

  it('falls back to the whole rate when the window was read in one fetch', () => {
    const keys = keysOf(10);
    const run = throughput(
      keys.map((k) => seen(k, 0)),
      keys.map((k) => seen(k, 0, 500)),
      new Set(keys),
    );
    expect(run).toEqual({ n: 10, seconds: 0.5, wholePerSecond: 20, perSecond: 20 });
  });

  it('refuses a run whose outputs were not all read', () => {
    const keys = keysOf(3);
    expect(() =>
      throughput(
        keys.map((k) => seen(k, 0)),
        [seen('t0', 0, 10)],
        new Set(keys),
      ),
    ).toThrow('1 of 3 outputs were read');
  });
});
