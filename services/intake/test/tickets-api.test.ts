import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, auth, createApiFixture, validTicket, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

const issuesOf = async (res: Response) => ((await res.json()) as { issues: { path: string; message: string }[] }).issues.map((i) => i.path);

describe('POST /v1/tickets', () => {
  it('accepts a valid ticket, stores it and queues exactly one tickets.received event', async () => {
    const res = await f.json('/v1/tickets', validTicket, auth);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const rows = await f.drainOutbox();
    expect(rows.map((r) => [r.topic, r.event.key])).toEqual([['tickets.received', id]]);
    expect(rows[0]!.event.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    const state = await f.app.request(`/v1/tickets/${id}`, { headers: auth });
    expect(state.status).toBe(200);
    expect(await state.json()).toMatchObject({ id, status: 'received', ticket: { subject: validTicket.subject, tenantId: 'acme' } });
  });

  it('is idempotent on the Idempotency-Key header', async () => {
    const headers = { ...auth, 'idempotency-key': 'order-77' };
    const first = (await (await f.json('/v1/tickets', validTicket, headers)).json()) as { id: string };
    const second = (await (await f.json('/v1/tickets', validTicket, headers)).json()) as { id: string };
    expect(second.id).toBe(first.id);
    // The same request with its keys in another order and its defaults spelled out is still a retry.
    const { customer, ...rest } = validTicket;
    const reordered = await f.json('/v1/tickets', { attachments: [], customer: { vip: false, ...customer }, ...rest }, headers);
    expect(reordered.status).toBe(202);
    expect(((await reordered.json()) as { id: string }).id).toBe(first.id);
    expect((await f.drainOutbox()).filter((r) => r.event.key === first.id)).toHaveLength(1);
  });

  it('answers 422 when an Idempotency-Key comes back with a different body, and stores nothing for it', async () => {
    const headers = { ...auth, 'idempotency-key': 'order-78' };
    const first = (await (await f.json('/v1/tickets', validTicket, headers)).json()) as { id: string };
    await f.drainOutbox();
    const reused = await f.json('/v1/tickets', { ...validTicket, subject: 'A different problem' }, headers);
    expect(reused.status).toBe(422);
    expect(await reused.json()).toEqual({
      error: 'idempotency_key_reused',
      message: 'this Idempotency-Key was already used with a different request; send a new key for a new ticket',
    });
    expect(await f.drainOutbox()).toEqual([]);
    const state = (await (await f.app.request(`/v1/tickets/${first.id}`, { headers: auth })).json()) as { ticket: { subject: string } };
    expect(state.ticket.subject).toBe(validTicket.subject);
  });

  it.each([
    ['missing body', { ...validTicket, body: undefined }, ['body']],
    ['2 MB body', { ...validTicket, body: 'x'.repeat(2 * 1024 * 1024) }, ['body']],
    ['wrong types', { ...validTicket, subject: 42, affectedUsers: 'many' }, ['subject', 'affectedUsers']],
    ['unknown tier', { ...validTicket, customer: { id: 'c', tier: 'platinum' } }, ['customer.tier']],
    ['unknown field', { ...validTicket, priority: 'P1' }, ['(body)']],
    ['a NUL character', { ...validTicket, subject: 'Login\u0000fails' }, ['subject']],
    ['a lone surrogate', { ...validTicket, body: 'broken \ud800 text' }, ['body']],
    [
      'NUL in nested fields',
      { ...validTicket, customer: { id: '\u0000', tier: 'pro', name: 'Kim\udc00' } },
      ['customer.id', 'customer.name'],
    ],
    [
      'NUL in an attachment',
      { ...validTicket, attachments: [{ name: 'a\u0000.txt', contentType: 'text/plain', sizeBytes: 1 }] },
      ['attachments.0.name'],
    ],
  ])('answers 400 with field-level reasons for %s, and publishes nothing', async (_name, body, paths) => {
    const res = await f.json('/v1/tickets', body, auth);
    expect(res.status).toBe(400);
    expect((await issuesOf(res)).sort()).toEqual([...paths].sort());
    expect(await f.drainOutbox()).toEqual([]);
  });

  it('answers 400 for malformed JSON and 413 for a body over the hard limit', async () => {
    const malformed = await f.json('/v1/tickets', '{"subject": "trunc', auth);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'bad_request' });
    const huge = await f.json('/v1/tickets', { ...validTicket, body: 'x'.repeat(5 * 1024 * 1024) }, auth);
    expect(huge.status).toBe(413);
    expect(await f.drainOutbox()).toEqual([]);
  });

  it('refuses a missing, malformed or unknown API key with 401 and a JSON reason', async () => {
    const refusals = await Promise.all(
      ([{}, { authorization: 'Basic abc' }, { authorization: 'Bearer nope' }] as Record<string, string>[]).map((headers) =>
        f.json('/v1/tickets', validTicket, headers),
      ),
    );
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(refusals.every((r) => r.headers.get('www-authenticate')?.startsWith('Bearer'))).toBe(true);
    expect(await Promise.all(refusals.map((r) => r.json()))).toEqual([
      { error: 'unauthorized', message: 'send the tenant API key as "Authorization: Bearer <key>"' },
      { error: 'unauthorized', message: 'send the tenant API key as "Authorization: Bearer <key>"' },
      { error: 'unauthorized', message: 'unknown API key' },
    ]);
  });

  it('does not show a ticket to another tenant', async () => {
    await f.store.tenants.ensure('globex');
    const { key: globexKey } = await f.store.tenants.createApiKey('globex');
    const { id } = (await (await f.json('/v1/tickets', validTicket, auth)).json()) as { id: string };
    const res = await f.app.request(`/v1/tickets/${id}`, { headers: { authorization: `Bearer ${globexKey}` } });
    expect(res.status).toBe(404);
    await f.drainOutbox();
  });

  it.each([
    ['GET', '/v1/tickets/%00'],
    ['GET', '/v1/tickets/not-a-ticket'],
    ['GET', `/v1/tickets/${'9'.repeat(300)}`],
    ['POST', '/v1/tickets/%00/corrections'],
    ['POST', '/v1/tickets/..%2F..%2Fadmin/corrections'],
  ])('answers 400 naming the id for %s %s', async (method, path) => {
    const res = await f.app.request(path, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify({ category: 'access' }) } : {}),
    });
    expect(res.status).toBe(400);
    expect(await issuesOf(res)).toEqual(['id']);
  });

  it('refuses a correction whose category PostgreSQL cannot store', async () => {
    const { id } = (await (await f.json('/v1/tickets', validTicket, auth)).json()) as { id: string };
    const res = await f.json(`/v1/tickets/${id}/corrections`, { category: 'access\u0000' }, auth);
    expect(res.status).toBe(400);
    expect(await issuesOf(res)).toEqual(['category']);
    await f.drainOutbox();
  });

  it('turns an agent correction into a labeled example', async () => {
    const { id } = (await (await f.json('/v1/tickets', validTicket, auth)).json()) as { id: string };
    const res = await f.json(`/v1/tickets/${id}/corrections`, { category: 'access', kind: 'incident' }, auth);
    expect(res.status).toBe(201);
    const examples = await f.store.examples.list('acme');
    expect(examples).toContainEqual(expect.objectContaining({ category: 'access', kind: 'incident', source: 'correction', ticketId: id }));
    await f.drainOutbox();
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the burst', async () => {
    const limited = await createApiFixture({ perSecond: 1, burst: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.json('/v1/tickets', validTicket, auth)).status);
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
      const res = await limited.json('/v1/tickets', validTicket, auth);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });

  it('gives each key its own budget, even keys that share their first characters', async () => {
    const limited = await createApiFixture({ perSecond: 1, burst: 2 });
    try {
      await limited.store.tenants.ensure('globex');
      const lookalike = `${API_KEY.slice(0, 12)}-globex`;
      await limited.store.tenants.createApiKey('globex', lookalike);
      const post = async (key: string) => (await limited.json('/v1/tickets', validTicket, { authorization: `Bearer ${key}` })).status;
      expect([await post(API_KEY), await post(API_KEY), await post(API_KEY)]).toEqual([202, 202, 429]);
      expect([await post(lookalike), await post(lookalike), await post(lookalike)]).toEqual([202, 202, 429]);
    } finally {
      await limited.close();
    }
  });

  it('counts every endpoint against one budget per key', async () => {
    const limited = await createApiFixture({ perSecond: 1, burst: 3 });
    try {
      const { id } = (await (await limited.json('/v1/tickets', validTicket, auth)).json()) as { id: string };
      const read = async () => (await limited.app.request(`/v1/tickets/${id}`, { headers: auth })).status;
      expect([await read(), await read(), await read()]).toEqual([200, 200, 429]);
      expect((await limited.json('/v1/tickets', validTicket, auth)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
