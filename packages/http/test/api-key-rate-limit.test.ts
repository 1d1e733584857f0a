import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type ApiEnv, apiKeyAuth, rateLimit } from '../src/index.ts';

// Two keys with the same first characters: a rate budget keyed by a prefix would mix them up.
const KEYS: Record<string, string> = { 'acme-key-0000-first': 'acme', 'acme-key-0000-second': 'acme', 'globex-key': 'globex' };

const api = (clock: { now: number }) =>
  new Hono<ApiEnv>()
    .use(
      '*',
      apiKeyAuth(async (key) => (KEYS[key] ? { tenantId: KEYS[key] } : null)),
      rateLimit({ perSecond: 1, burst: 2, now: () => clock.now }),
    )
    .get('/whoami', (c) => c.json({ tenantId: c.get('tenantId') }));

const call = (app: ReturnType<typeof api>, key?: string) =>
  Promise.resolve(app.request('/whoami', { headers: key ? { authorization: `Bearer ${key}` } : {} }));

describe('API key auth', () => {
  it("sets the key's tenant, and refuses a missing or unknown key with 401 and the shared error body", async () => {
    const app = api({ now: 0 });
    expect(await (await call(app, 'globex-key')).json()).toEqual({ tenantId: 'globex' });
    for (const res of [await call(app), await call(app, 'nope')]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
  });
});

describe('rate limit', () => {
  it('allows the burst, then answers 429 with Retry-After until the bucket refills', async () => {
    const clock = { now: 0 };
    const app = api(clock);
    const key = 'acme-key-0000-first';
    expect([(await call(app, key)).status, (await call(app, key)).status]).toEqual([200, 200]);
    const limited = await call(app, key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    clock.now = 1_000;
    expect((await call(app, key)).status).toBe(200);
  });

  it('gives every key its own budget, even keys that share a prefix', async () => {
    const app = api({ now: 0 });
    for (let i = 0; i < 3; i++) await call(app, 'acme-key-0000-first');
    expect((await call(app, 'acme-key-0000-first')).status).toBe(429);
    expect((await call(app, 'acme-key-0000-second')).status).toBe(200);
  });
});
