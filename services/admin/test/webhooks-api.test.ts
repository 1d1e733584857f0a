import { createLogger } from '@triage/runtime';
import { createPgliteStore, type Store } from '@triage/store';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminApp } from '../src/index.ts';

const TOKEN = 'operator-token-of-at-least-24-chars';
const logger = createLogger({ service: 'admin-test', level: 'error' });

let store: Store;
let strict: ReturnType<typeof createAdminApp>;
let lenient: ReturnType<typeof createAdminApp>;

const call = async (app: ReturnType<typeof createAdminApp>, method: string, path: string, body?: unknown) => {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { message?: string; error?: string } };
};

beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: 8 });
  await store.tenants.ensure('acme');
  strict = createAdminApp({ store, logger, operatorToken: TOKEN });
  lenient = createAdminApp({ store, logger, operatorToken: TOKEN, allowPrivateWebhooks: true });
});
afterAll(() => store?.close());

describe('admin API: webhooks', () => {
  it.each([
    ['http://example.com/hook', 'only https'],
    ['https://127.0.0.1/hook', 'private or loopback'],
    ['https://[::1]/hook', 'private or loopback'],
    ['https://10.1.2.3/hook', 'private or loopback'],
    ['https://[::ffff:192.168.1.1]/hook', 'private or loopback'],
    ['https://localhost/hook', 'private or loopback'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://user:pw@example.com/hook', 'credentials'],
  ])('refuses %s unless allowed (server-side request forgery)', async (url, reason) => {
    const res = await call(strict, 'POST', '/admin/v1/tenants/acme/webhooks', { url, events: ['ticket.routed'] });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('webhook_url_refused');
    expect(res.body.message).toContain(reason);
  });

  it('refuses link-local and metadata addresses even when private ones are allowed', async () => {
    const res = await call(lenient, 'POST', '/admin/v1/tenants/acme/webhooks', {
      url: 'http://169.254.169.254/latest/meta-data',
      events: ['ticket.routed'],
    });
    expect(res.body.error).toBe('webhook_url_refused');
    expect((await store.webhooks.listEndpoints('acme')).length).toBe(0);
  });

  it('creates an endpoint with a Standard Webhooks secret shown once, lists and disables it', async () => {
    expect((await call(lenient, 'POST', '/admin/v1/tenants/acme/webhooks', { url: 'http://127.0.0.1:9/h', events: ['nope'] })).status).toBe(
      400,
    );
    expect(
      (await call(lenient, 'POST', '/admin/v1/tenants/ghost/webhooks', { url: 'http://127.0.0.1:9/h', events: ['ticket.routed'] })).status,
    ).toBe(404);
    const created = await call(lenient, 'POST', '/admin/v1/tenants/acme/webhooks', {
      url: 'http://127.0.0.1:9/h',
      events: ['ticket.routed', 'incident.major'],
    });
    expect(created.status).toBe(201);
    const secret = String(created.body.secret);
    expect(secret).toMatch(/^whsec_/);
    // A receiver can use it as given.
    const signed = new Webhook(secret).sign('evt-1', new Date(), '{}');
    expect(() =>
      new Webhook(secret).verify('{}', {
        'webhook-id': 'evt-1',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': signed,
      }),
    ).not.toThrow();

    const list = await call(strict, 'GET', '/admin/v1/tenants/acme/webhooks');
    expect(list.body.webhooks).toEqual([
      expect.objectContaining({ id: created.body.id, events: ['ticket.routed', 'incident.major'], enabled: true }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect((await call(strict, 'POST', `/admin/v1/webhooks/${created.body.id}/disable`)).body.enabled).toBe(false);
    expect((await call(strict, 'POST', '/admin/v1/webhooks/5b1f4c1e-8d7a-4d0e-9f43-0c2b7a1e9d55/disable')).body.error).toBe(
      'unknown_webhook',
    );
  });

  it('lists dead deliveries with their reason and replays one, then the rest', async () => {
    const endpoint = await store.webhooks.createEndpoint({
      tenantId: 'acme',
      url: 'http://127.0.0.1:9/d',
      eventTypes: ['ticket.routed'],
      secret: 'whsec_AAAA',
    });
    await store.webhooks.enqueue(
      ['e1', 'e2', 'e3'].map((id) => ({ tenantId: 'acme', id, type: 'ticket.routed', ticketId: `t-${id}`, body: '{}' })),
    );
    const claimed = await store.webhooks.claim(10, 10, 1_000);
    for (const d of claimed) await store.webhooks.failed(d.id, 'HTTP 410', null);

    const dead = await call(strict, 'GET', `/admin/v1/webhooks/${endpoint.id}/dead`);
    const deliveries = dead.body.deliveries as { id: string; eventId: string; reason: string; attempts: number }[];
    expect(deliveries.map((d) => [d.eventId, d.reason, d.attempts])).toEqual([
      ['e1', 'HTTP 410', 1],
      ['e2', 'HTTP 410', 1],
      ['e3', 'HTTP 410', 1],
    ]);
    expect((await call(strict, 'POST', `/admin/v1/webhooks/${endpoint.id}/replay`, { deliveryId: deliveries[0]!.id })).body).toEqual({
      replayed: 1,
    });
    expect((await call(strict, 'POST', `/admin/v1/webhooks/${endpoint.id}/replay`)).body).toEqual({ replayed: 2 });
    expect(await store.webhooks.counts(endpoint.id)).toEqual({ pending: 3, delivered: 0, dead: 0 });
    expect((await store.webhooks.claim(10, 10, 1_000)).map((d) => [d.eventId, d.attempt])).toEqual([
      ['e1', 1],
      ['e2', 1],
      ['e3', 1],
    ]);
  });
});
