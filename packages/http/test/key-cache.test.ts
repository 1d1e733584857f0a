import { describe, expect, it } from 'vitest';
import { cachedKeys } from '../src/key-cache.ts';

/** A resolver over a mutable table that counts how often it is asked. */
const table = (entries: Record<string, string>) => {
  const asked: string[] = [];
  const resolve = async (key: string) => {
    asked.push(key);
    return entries[key] ?? null;
  };
  return { entries, asked, resolve };
};

describe('key cache', () => {
  it('asks once per key until the time is up, then asks again and sees a removed key gone', async () => {
    let clock = 0;
    const keys = table({ k1: 'acme' });
    const resolve = cachedKeys(keys.resolve, { ttlMs: 1_000, maxEntries: 10, now: () => clock });
    expect(await resolve('k1')).toBe('acme');
    clock = 999;
    expect(await resolve('k1')).toBe('acme');
    expect(keys.asked).toEqual(['k1']);
    delete keys.entries.k1;
    clock = 1_000;
    expect(await resolve('k1')).toBeNull();
    expect(keys.asked).toEqual(['k1', 'k1']);
  });

  it('does not remember unknown keys, so a key created a moment later works at once', async () => {
    const keys = table({});
    const resolve = cachedKeys(keys.resolve, { ttlMs: 60_000, maxEntries: 10 });
    expect(await resolve('new')).toBeNull();
    keys.entries.new = 'acme';
    expect(await resolve('new')).toBe('acme');
    expect(keys.asked).toEqual(['new', 'new']);
  });

  it('forgets the oldest key beyond its size bound', async () => {
    const keys = table({ a: 't1', b: 't2', c: 't3' });
    const resolve = cachedKeys(keys.resolve, { ttlMs: 60_000, maxEntries: 2 });
    for (const key of ['a', 'b', 'c', 'c', 'b', 'a']) await resolve(key);
    expect(keys.asked).toEqual(['a', 'b', 'c', 'a']);
  });

  it('asks every time when the time to live is 0', async () => {
    const keys = table({ k: 'acme' });
    const resolve = cachedKeys(keys.resolve, { ttlMs: 0, maxEntries: 10 });
    await resolve('k');
    await resolve('k');
    expect(keys.asked).toEqual(['k', 'k']);
  });
});
