import { randomUUID } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { composeProcess, createLogger, type Lifecycle } from '@triage/runtime';
import type { Store } from '@triage/store';
import { pgliteWithTenants } from '../../../test/harness/pglite.ts';
import { waitFor } from '../../../test/harness/wait.ts';
import { KNOWLEDGE_LOOP_OPENAPI_PATH } from '../src/app.ts';
import { composeKnowledgeLoop, KnowledgeLoopConfig } from '../src/index.ts';
import { publishResolution, retrievedTicket } from './fixtures.ts';

const ACME_KEY = 'test-api-key-acme';
const GLOBEX_KEY = 'test-api-key-globex';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let store: Store;
let lifecycle: Lifecycle;
let api: string;
const bus = createInProcessBus({ logger: createLogger({ service: 'bus-test', level: 'error' }) });
const get = async (path: string, key = ACME_KEY) => fetch(`${api}${path}`, { headers: bearer(key) });

beforeAll(async () => {
  store = await pgliteWithTenants({ acme: ACME_KEY, globex: GLOBEX_KEY });
  const deps = { store, bus, logger: createLogger({ service: 'kl-test', level: 'error' }), registry: new Registry(), instanceId: 'test' };
  const service = await composeKnowledgeLoop({ ...deps, config: KnowledgeLoopConfig.parse({}), llm: undefined });
  const process = composeProcess({ ...deps, name: 'kl-test', services: [service], httpPort: 0, healthPort: 0 });
  lifecycle = process.lifecycle;
  await lifecycle.start();
  api = `http://127.0.0.1:${process.httpPort()}`;
});
afterAll(() => lifecycle?.stop());

const ticketOf = (subject: string, body: string, confidence: number) =>
  retrievedTicket(store, 'acme', { subject, body, confidence, category: 'billing' });
const resolve = (ticketId: string, notes: string, report: Record<string, unknown> = {}) =>
  publishResolution(bus, 'acme', ticketId, notes, report);

interface GapsBody {
  groups: {
    ticketCount: number;
    category: string;
    draft: { title: string; body: string; source: string };
    tickets: { ticketId: string }[];
  }[];
}
const gaps = async (key = ACME_KEY) => (await (await get('/v1/kb/gaps', key)).json()) as GapsBody;

describe('GET /v1/kb/gaps', () => {
  it('groups agents’ resolutions the knowledge base did not answer by topic, each with a draft, and nothing else', async () => {
    const pdf1 = await ticketOf('Invoice PDF export fails', 'When I export my invoice as PDF the download is empty.', 0.2);
    const pdf2 = await ticketOf('Cannot export invoices to PDF', 'The PDF export of invoices gives a blank file.', 0.3);
    const refund = await ticketOf('Refund for double charge', 'I was charged twice this month, please refund.', 0.1);
    const answered = await ticketOf('Invoice PDF export is blank', 'The PDF of my invoice is empty.', 0.9);
    const withArticle = await ticketOf('Empty invoice PDF', 'Exported invoice PDF has no pages.', 0.2);
    const selfServed = await ticketOf('Blank PDF invoice', 'Invoice PDF is empty.', 0.2);
    await resolve(pdf1, 'Cleared the cached invoice template. Regenerated the invoice PDF from the billing page.');
    await resolve(pdf2, 'Cleared the cached invoice template for the account. Sent the new PDF.');
    await resolve(refund, 'Refunded the duplicate charge to the card.');
    await resolve(answered, 'Pointed to the export article.');
    await resolve(withArticle, 'Used the article.', { kbArticleId: 'kb-export' });
    await resolve(selfServed, 'The customer fixed it alone.', { resolvingTier: 0 });

    await waitFor(async () => (await gaps()).groups.reduce((n, g) => n + g.ticketCount, 0) === 3, 10_000);
    const { groups } = await gaps();
    expect(groups.map((g) => [g.ticketCount, g.category, g.tickets.map((t) => t.ticketId).sort()])).toEqual([
      [2, 'billing', [pdf1, pdf2].sort()],
      [1, 'billing', [refund]],
    ]);
    expect(groups[0]!.draft.source).toBe('extractive');
    expect(groups[0]!.draft.body).toContain('cached invoice template');
    expect(groups[1]!.draft).toMatchObject({
      title: 'Refund for double charge',
      body: expect.stringContaining('Refunded the duplicate charge'),
    });

    // Reopened and resolved again with the article written since: the gap is filled.
    await resolve(refund, 'Sent the new refunds article.', { kbArticleId: 'kb-refunds' });
    await waitFor(async () => (await gaps()).groups.length === 1, 10_000);
    expect((await gaps()).groups[0]!.tickets.map((t) => t.ticketId).sort()).toEqual([pdf1, pdf2].sort());

    // One of two resolved again with an article: its group stays, its draft written from the other alone.
    expect((await gaps()).groups[0]!.draft.body).toContain('2 tickets');
    await resolve(pdf2, 'Sent the export article.', { kbArticleId: 'kb-export' });
    await waitFor(async () => (await gaps()).groups[0]?.ticketCount === 1, 10_000);
    const [left] = (await gaps()).groups;
    expect(left!.tickets.map((t) => t.ticketId)).toEqual([pdf1]);
    expect(left!.draft.body).toContain('1 ticket ');
    expect(left!.draft.body).toContain('Regenerated the invoice PDF');
    expect(left!.draft.body).not.toContain('Sent the new PDF');
  });

  it('shows a tenant its own gaps only, and refuses a missing key or a bad limit', async () => {
    expect((await gaps(GLOBEX_KEY)).groups).toEqual([]);
    expect((await fetch(`${api}/v1/kb/gaps`)).status).toBe(401);
    const bad = await get('/v1/kb/gaps?limit=0');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: 'limit' }] });
  });
});

describe('GET /v1/kb/articles', () => {
  it('lists every article with its votes and resolution uses, and with stale=true those that do not help', async () => {
    await store.kb.upsert('acme', [
      { id: 'kb-bad', title: 'Bad', body: 'b', chunks: [] },
      { id: 'kb-good', title: 'Good', body: 'g', chunks: [] },
    ]);
    for (const [n, articleId, outcome] of [
      [1, 'kb-bad', 'unresolved'],
      [2, 'kb-bad', 'unresolved'],
      [3, 'kb-bad', 'unresolved'],
      [4, 'kb-good', 'unresolved'],
      [5, 'kb-good', 'resolved'],
    ] as const) {
      const id = randomUUID();
      await store.deflections.create({
        id,
        tenantId: 'acme',
        question: `q${n}`,
        solutions: [],
        deflectable: true,
        confidence: 0.8,
        outcome: 'shown',
      });
      await store.deflections.resolve('acme', id, { outcome, votedArticleId: articleId, events: [] });
    }
    const all = (await (await get('/v1/kb/articles')).json()) as { articles: unknown[]; staleWhen: unknown };
    expect(all).toEqual({
      articles: [
        { id: 'kb-bad', title: 'Bad', helpfulVotes: 0, unhelpfulVotes: 3, resolutionUses: 0, helpfulShare: 0, stale: true },
        { id: 'kb-good', title: 'Good', helpfulVotes: 1, unhelpfulVotes: 1, resolutionUses: 0, helpfulShare: 0.5, stale: false },
      ],
      nextCursor: null,
      staleWhen: { minUnhelpfulVotes: 3, maxHelpfulShare: 0.4 },
    });
    const stale = (await (await get('/v1/kb/articles?stale=true')).json()) as { articles: { id: string }[] };
    expect(stale.articles.map((a) => a.id)).toEqual(['kb-bad']);
    const fresh = (await (await get('/v1/kb/articles?stale=false')).json()) as { articles: { id: string }[] };
    expect(fresh.articles.map((a) => a.id)).toEqual(['kb-good']);
    expect((await get('/v1/kb/articles?stale=maybe')).status).toBe(400);
    expect(((await (await get('/v1/kb/articles', GLOBEX_KEY)).json()) as { articles: unknown[] }).articles).toEqual([]);
  });
});

describe('GET /v1/kb/articles, a page at a time', () => {
  interface Page {
    articles: { id: string; stale: boolean }[];
    nextCursor: string | null;
  }
  /** Every page of `query`, following the cursors, with the ids each page held. */
  const pages = async (query: string, key: string): Promise<string[][]> => {
    const held: string[][] = [];
    let cursor: string | null = null;
    do {
      const response = await get(`/v1/kb/articles?${query}${cursor === null ? '' : `&cursor=${cursor}`}`, key);
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      held.push(page.articles.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return held;
  };

  /** A new tenant, its API key, and `count` articles with ids that sort as they are numbered. */
  const tenantWithArticles = async (count: number) => {
    const tenant = `pages-${randomUUID()}`;
    const key = `key-${tenant}`;
    await store.tenants.ensure(tenant);
    await store.tenants.createApiKey(tenant, key);
    const ids = Array.from({ length: count }, (_, i) => `kb-${String(i).padStart(4, '0')}`);
    await store.kb.upsert(
      tenant,
      ids.map((id) => ({ id, title: id, body: id, chunks: [] })),
    );
    return { tenant, key, ids };
  };

  it('pages through every article, and through the stale ones among many that are not', async () => {
    // 450 articles, every 100th unhelpful three times: the stale page has to read past many others.
    const { tenant, key, ids } = await tenantWithArticles(450);
    const staleIds = ids.filter((_, i) => i % 100 === 7);
    for (const articleId of staleIds)
      for (let vote = 0; vote < 3; vote++) {
        const id = randomUUID();
        await store.deflections.create({
          id,
          tenantId: tenant,
          question: 'q',
          solutions: [],
          deflectable: true,
          confidence: 0.8,
          outcome: 'shown',
        });
        await store.deflections.resolve(tenant, id, { outcome: 'unresolved', votedArticleId: articleId, events: [] });
      }

    const all = await pages('limit=200', key);
    expect(all.map((page) => page.length)).toEqual([200, 200, 50]);
    expect(all.flat()).toEqual(ids);
    const stale = await pages('stale=true&limit=2', key);
    expect(stale).toEqual([staleIds.slice(0, 2), staleIds.slice(2, 4), staleIds.slice(4)]);
    // A page that ends on the last match says so: no empty page after it.
    expect(await pages('stale=true&limit=5', key)).toEqual([staleIds]);
    expect((await pages('limit=150', key)).map((page) => page.length)).toEqual([150, 150, 150]);
    expect((await pages('stale=false&limit=200', key)).flat()).toEqual(ids.filter((id) => !staleIds.includes(id)));
  });

  it('reads at most 2,000 articles a request: a filter that matches none of them returns an empty page and where to go on', async () => {
    const { tenant, key } = await tenantWithArticles(2_100);
    // Every article stale but the last: what customers said, set directly for 2,100 articles.
    await store.sql.transaction(
      (tx) => tx.query("UPDATE articles SET unhelpful_votes = 3 WHERE tenant_id = $1 AND id <> 'kb-2099'", [tenant]),
      { tenantId: tenant },
    );
    expect(await pages('stale=false&limit=10', key)).toEqual([[], ['kb-2099']]);
  });

  it('answers 400 for a cursor it did not issue and for a limit out of range', async () => {
    for (const query of ['cursor=not-a-cursor', 'limit=0', 'limit=201']) {
      const response = await get(`/v1/kb/articles?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/^invalid_/);
    }
  });
});

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document covering both endpoints behind the API key', async () => {
    const document = (await (await fetch(`${api}${KNOWLEDGE_LOOP_OPENAPI_PATH}`)).json()) as {
      paths: Record<string, { get: { security: unknown[] } }>;
    };
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(Object.keys(document.paths).sort()).toEqual(['/v1/kb/articles', '/v1/kb/gaps']);
    for (const item of Object.values(document.paths)) expect(item.get.security).toEqual([{ apiKey: [] }]);
  });
});
