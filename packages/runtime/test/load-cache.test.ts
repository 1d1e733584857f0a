import { describe, expect, it } from 'vitest';
import { createLoadCache } from '../src/index.ts';

describe('createLoadCache', () => {
  it('loads once per tenant for concurrent callers, forgets failures and reloads after invalidation', async () => {
    let loads = 0;
    let fail = true;
    const cache = createLoadCache(async (tenantId: string) => {
      loads++;
      if (tenantId === 'flaky' && fail) throw new Error('store down');
      return `${tenantId}#${loads}`;
    });
    const [a, b] = await Promise.all([cache.get('acme'), cache.get('acme')]);
    expect([a, b, loads]).toEqual(['acme#1', 'acme#1', 1]);

    await expect(cache.get('flaky')).rejects.toThrow('store down');
    fail = false;
    expect(await cache.get('flaky')).toBe('flaky#3');

    cache.invalidate('acme');
    expect(await cache.get('acme')).toBe('acme#4');
    expect(await cache.set('acme', Promise.resolve('acme#retrained'))).toBe('acme#retrained');
    expect(await cache.get('acme')).toBe('acme#retrained');
    expect(await Promise.all(cache.loads())).toEqual(['flaky#3', 'acme#retrained']);
  });
});
