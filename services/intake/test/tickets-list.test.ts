import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, auth, createApiFixture, type ApiFixture } from './api-fixture.ts';
import { recordTicket } from './routed-tickets.ts';

const OTHER_KEY = 'test-api-key-globex';

interface Page {
  tickets: { id: string; status: string; priority?: string; queue?: string; routedAt?: string }[];
  nextCursor: string | null;
}

let f: ApiFixture;
let routed: string[];
let assessed: string;
let received: string;
let p1Tier2: string;
let others: string[];
let routedAfterMark: string[];
let mark: string;

beforeAll(async () => {
  f = await createApiFixture();
  await f.store.tenants.ensure('globex');
  await f.store.tenants.createApiKey('globex', OTHER_KEY);
  const early = [];
  for (let i = 0; i < 5; i++) early.push((await recordTicket(f.store, { priority: 'P3', tier: 1 })).key);
  others = [(await recordTicket(f.store, { tenantId: 'globex', priority: 'P1', tier: 2 })).key];
  await new Promise((r) => setTimeout(r, 20));
  mark = new Date().toISOString();
  p1Tier2 = (await recordTicket(f.store, { priority: 'P1', tier: 2 })).key;
  routedAfterMark = [p1Tier2];
  for (let i = 0; i < 6; i++) routedAfterMark.push((await recordTicket(f.store, { priority: 'P2', tier: 1 })).key);
  others.push((await recordTicket(f.store, { tenantId: 'globex' })).key);
  routed = [...early, ...routedAfterMark];
  assessed = (await recordTicket(f.store, { upTo: 'assess', priority: 'P1', tier: 2 })).key;
  received = (await recordTicket(f.store, { upTo: 'received' })).key;
}, 60_000);
afterAll(() => f.close());

const list = async (query: string, apiKey = API_KEY) => {
  const res = await f.app.request(`/v1/tickets?${query}`, { headers: { authorization: `Bearer ${apiKey}` } });
  return { status: res.status, body: (await res.json()) as Page & { error?: string } };
};

/** Every page of `query`, `limit` at a time. */
const walk = async (query: string, limit: number, apiKey = API_KEY) => {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const { status, body } = await list(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, apiKey);
    expect(status).toBe(200);
    expect(body.tickets.length).toBeLessThanOrEqual(limit);
    pages.push(body);
    cursor = body.nextCursor;
  } while (cursor);
  return pages;
};

describe('GET /v1/tickets', () => {
  it("walks every one of the tenant's tickets newest first across pages, none twice or skipped", async () => {
    const pages = await walk('', 4);
    const ids = pages.flatMap((p) => p.tickets.map((t) => t.id));
    expect(pages).toHaveLength(4);
    expect(ids).toEqual([received, assessed, ...[...routed].reverse()]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it('filters by status, queue, priority and routing time', async () => {
    const ids = async (query: string) => (await list(query)).body.tickets.map((t) => t.id);
    expect(await ids('status=routed&limit=200')).toEqual([...routed].reverse());
    expect(await ids('status=assessed')).toEqual([assessed]);
    expect(await ids('status=received')).toEqual([received]);
    expect(await ids('priority=P1')).toEqual([assessed, p1Tier2]);
    expect(await ids('queue=tier2-queue&status=routed')).toEqual([p1Tier2]);
    expect(await ids(`routedSince=${encodeURIComponent(mark)}`)).toEqual([...routedAfterMark].reverse());
    const [first] = (await list('status=routed&limit=1')).body.tickets;
    expect(first).toMatchObject({
      id: routed.at(-1),
      status: 'routed',
      priority: 'P2',
      queue: 'tier1-queue',
      routedAt: expect.any(String),
    });
  });

  it("never lists another tenant's tickets, nor continues from another tenant's cursor", async () => {
    const theirs = (await walk('', 200, OTHER_KEY)).flatMap((p) => p.tickets.map((t) => t.id));
    expect(theirs.sort()).toEqual([...others].sort());
    const { body } = await list('limit=1', OTHER_KEY);
    const foreign = await list(`cursor=${body.nextCursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toBe('invalid_cursor');
  });

  it.each([
    ['a cursor it did not issue', 'cursor=not-a-cursor'],
    ['a cursor naming no ticket', `cursor=${Buffer.from(JSON.stringify({ after: crypto.randomUUID() })).toString('base64url')}`],
    ['a limit over 200', 'limit=201'],
    ['an unknown status', 'status=lost'],
    ['a malformed time', 'routedSince=yesterday'],
  ])('answers 400 for %s', async (_name, query) => {
    expect((await list(query)).status).toBe(400);
  });

  it('defaults to 50 a page and needs an API key', async () => {
    for (let i = 0; i < 40; i++) await recordTicket(f.store, { upTo: 'categorize' });
    const { body } = await list('');
    expect(body.tickets).toHaveLength(50);
    expect(body.nextCursor).not.toBeNull();
    expect((await f.app.request('/v1/tickets')).status).toBe(401);
    expect((await f.app.request('/v1/tickets', { headers: { ...auth, authorization: 'Bearer nope' } })).status).toBe(401);
  });
});
