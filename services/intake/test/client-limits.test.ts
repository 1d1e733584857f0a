import { afterEach, describe, expect, it } from 'vitest';
import { ALLOWED_ORIGIN, auth, createApiFixture, WIDGET_KEY, type ApiFixture } from './api-fixture.ts';

// Findings 3 and 6: budgets per client as well as per key, on every authenticated route.

let f: ApiFixture | undefined;
afterEach(() => f?.close());

const generous = { perSecond: 1000, burst: 1000 };

/** A request as it arrives from `peer` through Node's socket, which is where the client's address comes from. */
const from = (app: ApiFixture['app'], peer: string, path: string, init: RequestInit = {}) =>
  Promise.resolve(app.request(path, init, { incoming: { socket: { remoteAddress: peer } } }));

const ask = (app: ApiFixture['app'], peer: string, headers: Record<string, string> = {}) =>
  from(app, peer, '/v1/deflect', {
    method: 'POST',
    body: JSON.stringify({ question: 'password reset' }),
    headers: { 'content-type': 'application/json', 'x-widget-key': WIDGET_KEY, origin: ALLOWED_ORIGIN, ...headers },
  });

describe('widget budgets', () => {
  it("stops one client at its share of a widget key's budget, leaving the key to other clients", async () => {
    f = await createApiFixture({ perSecond: 0.001, burst: 4 }, undefined, { clientRateLimit: { perSecond: 0.001, burst: 2 } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(f.app, '203.0.113.7')).status);
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    // The refused requests spent nothing of the key's budget: two more clients still get theirs.
    expect([(await ask(f.app, '203.0.113.8')).status, (await ask(f.app, '203.0.113.9')).status]).toEqual([200, 200]);
    expect((await ask(f.app, '203.0.113.10')).status).toBe(429);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    f = await createApiFixture(generous, undefined, { clientRateLimit: { perSecond: 0.001, burst: 1 }, trustedProxies: ['10.0.0.0/8'] });
    // Through the proxy, each client named by it has its own share.
    expect((await ask(f.app, '10.0.0.2', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    expect((await ask(f.app, '10.0.0.2', { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
    expect((await ask(f.app, '10.0.0.2', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
    // A client cannot prepend a fresh address: the proxy appended the one it saw.
    expect((await ask(f.app, '10.0.0.2', { 'x-forwarded-for': '192.0.2.99, 198.51.100.2' })).status).toBe(429);
    // Straight from the internet, the header is the client's own word and is ignored.
    expect((await ask(f.app, '198.51.100.3', { 'x-forwarded-for': '192.0.2.1' })).status).toBe(200);
    expect((await ask(f.app, '198.51.100.3', { 'x-forwarded-for': '192.0.2.2' })).status).toBe(429);
  });
});

describe('API key budgets', () => {
  it('count the event stream against the same budget as every other authenticated route', async () => {
    f = await createApiFixture({ perSecond: 0.001, burst: 1 });
    expect((await f.app.request('/v1/tickets/00000000-0000-4000-8000-000000000000', { headers: auth })).status).toBe(404);
    const stream = await f.app.request('/v1/stream/tickets.routed', { headers: auth });
    expect(stream.status).toBe(429);
    expect(stream.headers.get('retry-after')).not.toBeNull();
  });
});

describe('failed authentication', () => {
  it('is limited per client address: past the burst even a valid key waits, other addresses do not', async () => {
    f = await createApiFixture(generous, undefined, { authFailures: { AUTH_FAILURES_PER_MINUTE: 1, AUTH_FAILURE_BURST: 3 } });
    const app = f.app;
    const ticket = (peer: string, key: string) =>
      from(app, peer, '/v1/tickets/00000000-0000-4000-8000-000000000000', { headers: { authorization: `Bearer ${key}` } });
    for (let i = 0; i < 3; i++) expect((await ticket('203.0.113.7', `guess-${i}`)).status).toBe(401);
    // Widget keys are guessed on the same budget.
    const guessed = await ask(app, '203.0.113.7', { 'x-widget-key': 'wk_guess' });
    expect(guessed.status).toBe(429);
    expect(guessed.headers.get('retry-after')).toBe('60');
    expect(await guessed.json()).toMatchObject({ error: 'rate_limited' });
    expect((await ticket('203.0.113.7', auth.authorization.slice('Bearer '.length))).status).toBe(429);
    expect((await ticket('203.0.113.8', auth.authorization.slice('Bearer '.length))).status).toBe(404);
  });
});
