// The knowledge loop as deployed: intake, the categorizer, kb-retrieval, insights and the knowledge
// loop, each its own process on the real Kafka broker and PostgreSQL. Tickets the knowledge base
// answers badly are resolved by agents over the lifecycle API and must come back as one knowledge
// gap with a draft article; an article customers opened and said did not help, three times, must be
// flagged stale; and a deflection resolved by the second article shown must credit that one alone.
import { describe, expect, it } from 'vitest';
import { Retrieval } from '@triage/contracts';
import type { SupportSummary } from '@triage/metrics';
import { importSeedArticles, runDuringFile, startSystem, type System } from './harness/system.ts';
import { waitFor } from './harness/wait.ts';

const TENANT = 'acme';
const API_KEY = 'e2e-kl-acme-key-0123456789';
const WIDGET_KEY = 'e2e-kl-acme-widget-key';
const OTHER = 'globex';
const OTHER_KEY = 'e2e-kl-globex-key-0123456789';
let system: System;
let intakeUrl = '';
let insightsUrl = '';
let loopUrl = '';

runDuringFile(async () => {
  system = await startSystem({
    name: 'e2e-kl',
    embedder: 'hashed',
    tenants: [
      { id: TENANT, apiKey: API_KEY, widgetKey: WIDGET_KEY },
      { id: OTHER, apiKey: OTHER_KEY },
    ],
    seed: (store) => importSeedArticles(store, 'hashed', [{ tenantId: TENANT }]),
    workers: ['categorizer', 'kb-retrieval'],
    apis: ['intake', 'insights', 'knowledge-loop'],
  });
  intakeUrl = system.urlOf('intake');
  insightsUrl = system.urlOf('insights');
  loopUrl = system.urlOf('knowledge-loop');
  return system;
});

const api = (url: string, init: RequestInit = {}, key = API_KEY) =>
  fetch(url, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });
const post = (url: string, body: unknown) => api(url, { method: 'POST', body: JSON.stringify(body) });
const widgetPost = (path: string, body: unknown) =>
  fetch(`${intakeUrl}${path}`, {
    method: 'POST',
    headers: { 'x-widget-key': WIDGET_KEY, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Posts a ticket and waits for kb-retrieval's decision on it; returns its id and the retrieval's confidence. */
const retrievedTicket = async (subject: string, body: string, customer: string) => {
  const id = await system.submit({ subject, body, channel: 'email', customer: { id: customer, tier: 'pro' } });
  let retrieval: Retrieval | undefined;
  await waitFor(
    async () => {
      retrieval = (await system.store.tickets.get(TENANT, id))?.stages.retrieve as Retrieval | undefined;
      return retrieval !== undefined;
    },
    60_000,
    () => `waiting for ticket ${id} to be retrieved`,
  );
  return { id, confidence: Retrieval.parse(retrieval).confidence };
};

const deflect = async (question: string) => {
  const res = await widgetPost('/v1/deflect', { question });
  expect(res.status).toBe(200);
  return (await res.json()) as { deflectionId: string; solutions: { articleId: string }[] };
};

interface GapsBody {
  groups: {
    ticketCount: number;
    draft: { title: string; body: string; source: string };
    tickets: { ticketId: string; kbConfidence: number }[];
  }[];
}
interface ArticlesBody {
  articles: { id: string; helpfulVotes: number; unhelpfulVotes: number; stale: boolean }[];
}

describe('the knowledge loop through Kafka and PostgreSQL', () => {
  it('turns agents’ resolutions of tickets the knowledge base answered badly into one gap with a draft article', async () => {
    const tickets = [
      await retrievedTicket(
        'Invoice PDF export comes out blank',
        'Exporting the March invoice as PDF gives a blank page with no line items.',
        'c1',
      ),
      await retrievedTicket(
        'Blank PDF when exporting invoices',
        'Every invoice PDF I export is empty, a blank page with no line items.',
        'c2',
      ),
    ];
    // What makes them gaps: kb-retrieval's best article was unlikely to answer them (the default bar is 0.5).
    for (const t of tickets) expect(t.confidence).toBeLessThan(0.5);
    const notes = [
      'The invoice template cache was stale. Cleared the cached invoice template and regenerated the PDF from the billing page.',
      'Cleared the cached invoice template for the account, then regenerated the invoice PDF; the customer confirmed it has line items.',
    ];
    for (const [i, t] of tickets.entries()) {
      const res = await post(`${intakeUrl}/v1/tickets/${t.id}/events`, [
        { type: 'assigned', id: `a-${t.id}`, occurredAt: '2025-03-04T09:00:00Z', queue: 'billing', tier: 1 },
        { type: 'resolved', id: `r-${t.id}`, occurredAt: '2025-03-04T10:00:00Z', notes: notes[i], resolvingTier: 1 },
      ]);
      expect(res.status).toBe(200);
    }

    const gaps = async (key = API_KEY) => (await (await api(`${loopUrl}/v1/kb/gaps`, {}, key)).json()) as GapsBody;
    await waitFor(
      async () => (await gaps()).groups.some((g) => g.ticketCount === 2),
      60_000,
      () => 'waiting for the two gaps to be grouped',
    );
    const [group] = (await gaps()).groups;
    expect(group!.tickets.map((t) => t.ticketId).sort()).toEqual(tickets.map((t) => t.id).sort());
    expect(group!.draft.source).toBe('extractive');
    expect(group!.draft.title).toMatch(/PDF/);
    expect(group!.draft.body).toMatch(/Cleared the cached invoice template/);
    expect(group!.draft.body).toContain('2 tickets');
    // Another tenant's key sees none of it; no key is refused.
    expect((await gaps(OTHER_KEY)).groups).toEqual([]);
    expect((await fetch(`${loopUrl}/v1/kb/gaps`)).status).toBe(401);
  }, 180_000);

  it('credits a resolved deflection to the article the customer opened only, and flags an article that kept not helping as stale', async () => {
    const helped = await deflect('How do I download my invoices?');
    expect(helped.solutions.length).toBeGreaterThanOrEqual(2);
    const opened = helped.solutions[1]!.articleId;
    expect((await widgetPost(`/v1/deflect/${helped.deflectionId}/feedback`, { resolved: true, articleId: opened })).status).toBe(200);

    // Three customers open the same article for an ill-matched question and say it did not help.
    let unhelpful = '';
    for (let i = 0; i < 3; i += 1) {
      const shown = await deflect('My VPN client disconnects every ten minutes');
      unhelpful ||= shown.solutions[0]!.articleId;
      expect(shown.solutions.map((s) => s.articleId)).toContain(unhelpful);
      const res = await widgetPost(`/v1/deflect/${shown.deflectionId}/feedback`, { resolved: false, articleId: unhelpful });
      expect(res.status).toBe(200);
    }
    expect(unhelpful).not.toBe(opened);

    const articles = async (query = '') => (await (await api(`${loopUrl}/v1/kb/articles${query}`)).json()) as ArticlesBody;
    const stale = await articles('?stale=true');
    expect(stale.articles.map((a) => [a.id, a.unhelpfulVotes, a.stale])).toEqual([[unhelpful, 3, true]]);
    const all = await articles();
    const votes = Object.fromEntries(
      all.articles.filter((a) => a.helpfulVotes + a.unhelpfulVotes > 0).map((a) => [a.id, [a.helpfulVotes, a.unhelpfulVotes]]),
    );
    expect(votes).toEqual({ [opened]: [1, 0], [unhelpful]: [0, 3] });

    // Insights' most helpful articles count the credited article of each verdict, not every one shown.
    const summary = async () => (await (await api(`${insightsUrl}/v1/metrics/summary`)).json()) as SupportSummary;
    await waitFor(
      async () => (await summary()).deflection.unresolved === 3 && (await summary()).deflection.count === 1,
      60_000,
      () => 'waiting for insights to see the four verdicts',
    );
    const credited = Object.fromEntries((await summary()).articles.map((a) => [a.articleId, [a.resolved, a.unresolved]]));
    expect(credited).toEqual({ [opened]: [1, 0], [unhelpful]: [0, 3] });
  }, 180_000);
});
