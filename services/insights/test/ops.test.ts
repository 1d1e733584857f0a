import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics, type Priority } from '@triage/contracts';
import { createStageMetrics, createSupportMetrics, type SupportMetrics } from '@triage/metrics';
import { article, categorizedEvent, deflectionEvent, routedEvent } from '@triage/metrics/testing';
import { launchChromium, type Browser } from '../../../test/harness/chromium.ts';
import { opsRoutes } from '../src/ops/routes.ts';
import { opsSessions } from '../src/ops/session.ts';

const NOW = Date.parse('2025-03-03T12:00:00.000Z');
const MIN = 60_000;
const SCREENSHOT = resolve(import.meta.dirname, '../../../test-artifacts/ops.png');
const CATEGORIES = [
  'card_payment',
  'transfer_failed',
  'top_up',
  'pin_blocked',
  'card_arrival',
  'exchange_rate',
  'refund',
  'identity_check',
  'lost_card',
  'atm_withdrawal',
  'direct_debit',
];
const FIRST_RESPONSE_MINUTES: Record<Priority, number> = { P1: 15, P2: 60, P3: 120, P4: 480 };
const ARTICLES = [
  'Freeze a lost card',
  'Why a transfer is pending',
  'Top up by bank transfer',
  'Unblock your PIN',
  'Track a card delivery',
  'Exchange rates and fees',
];

/** 500 routed tickets whose mix follows from the index, so every figure can be counted independently. */
const routedFacts = Array.from({ length: 500 }, (_, i) => {
  const tier = ([0, 1, 1, 2, 1, 3, 1, 2, 0, 1] as const)[i % 10]!;
  const priority: Priority = i % 20 === 0 ? 'P1' : i % 5 === 1 ? 'P2' : i % 5 === 3 ? 'P4' : 'P3';
  return {
    ticketId: `t${i}`,
    receivedAt: NOW - ((i * 7) % 90) * MIN - 30_000,
    ageMs: 2_000 + (i % 13) * 500,
    tier,
    priority,
    category: CATEGORIES[Math.floor(Math.sqrt(i % 121))]!,
    abstained: i % 25 === 0,
    selfServe: i % 4 === 0,
    fromDeflection: i % 10 === 9,
    firstResponseMinutes: FIRST_RESPONSE_MINUTES[priority],
  };
});

const feed = (metrics: SupportMetrics) => {
  for (const f of routedFacts) {
    metrics.observe(Topics.ticketsCategorized, categorizedEvent({ ...f, ageMs: 800 + (Number(f.ticketId.slice(1)) % 7) * 100 }));
    metrics.observe(Topics.ticketsRouted, routedEvent(f));
  }
  const outcomes = [...Array(200).fill('resolved'), ...Array(50).fill('unresolved'), ...Array(30).fill('shown')] as const;
  outcomes.forEach((outcome, i) => {
    const solutions = [article(`kb-${i % 6}`, ARTICLES[i % 6]), article(`kb-${(i + 1) % 6}`, ARTICLES[(i + 1) % 6])];
    metrics.observe(
      Topics.deflectionsRecorded,
      deflectionEvent({ deflectionId: `d${i}`, outcome, at: NOW - ((i * 13) % 60) * MIN, solutions }),
    );
  });
};

/** Runs every stage's handler on a few batches, so the processing histogram has real timings. */
const runStages = async (registry: Registry) => {
  const stages = [
    ['categorizer', 'categorize', 12],
    ['kb-retrieval', 'retrieve', 6],
    ['escalator', 'assess', 3],
    ['handoff-composer', 'compose', 20],
  ] as const;
  const batch = routedFacts
    .slice(0, 5)
    .map((f, i) => ({ topic: Topics.ticketsRouted, partition: 0, offset: String(i), headers: {}, event: routedEvent(f) }));
  for (const [service, stage, msPerEvent] of stages) {
    const handler = createStageMetrics(registry, service).wrap(stage, async (events) => {
      await sleep(msPerEvent * events.length);
      return [];
    });
    for (let i = 0; i < 3; i++) await handler(batch);
  }
};

const expected = (() => {
  const routed = routedFacts.length;
  const byTier = [0, 1, 2, 3].map((t) => routedFacts.filter((f) => f.tier === t).length);
  const byPriority = (p: Priority) => routedFacts.filter((f) => f.priority === p).length;
  const direct = routedFacts.filter((f) => !f.fromDeflection).length;
  let atRisk = 0;
  let breached = 0;
  for (const f of routedFacts) {
    const left = f.receivedAt + f.firstResponseMinutes * MIN - NOW;
    if (left <= 0) breached += 1;
    else if (left <= 0.25 * f.firstResponseMinutes * MIN) atRisk += 1;
  }
  const categoryCounts = CATEGORIES.map((c) => routedFacts.filter((f) => (f.abstained ? 'needs-triage' : f.category) === c).length);
  return { routed, byTier, byPriority, direct, atRisk, breached, topCategory: Math.max(...categoryCounts) };
})();

const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)}%`;

describe('/ops', () => {
  const registry = new Registry();
  const metrics = createSupportMetrics({ registry, now: () => NOW });
  const routes = opsRoutes({
    summary: (t) => metrics.summary(t),
    tenants: () => metrics.tenants(),
    defaultTenant: 'acme',
    viewerOf: async (authorization) => (authorization === 'Bearer operator' ? { role: 'operator' } : undefined),
    sessions: opsSessions({ secret: undefined, ttlMs: 60_000 }),
  });
  // The operator's view: every tenant (access itself is tested with the service, in metrics-api.test.ts).
  const app = { request: (path: string) => Promise.resolve(routes.request(path, { headers: { authorization: 'Bearer operator' } })) };
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    feed(metrics);
    await runStages(registry);
    browser = await launchChromium({ width: 1440, height: 900 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const response = await app.request('/ops');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    await page.setContent(await response.text());
    mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const text = async (selector: string) => (await page.locator(selector).first().textContent())?.trim();

  it('headlines routed tickets, deflection, SLA, abstention and KB hit rate', async () => {
    expect(await text('[data-kpi=routed] .value')).toBe('500');
    // 200 resolved / (200 resolved + 50 unresolved + 450 tickets that did not start as a deflection).
    expect(expected.direct).toBe(450);
    expect(await text('[data-kpi=deflection] .value')).toBe('28.6%');
    expect(await text('[data-kpi=deflection] .detail')).toBe('200 deflected of 700 demand');
    expect(await text('[data-kpi=sla-at-risk] .value')).toBe(String(expected.atRisk));
    expect(await text('[data-kpi=sla-breached] .value')).toBe(String(expected.breached));
    expect(expected.atRisk).toBeGreaterThan(0);
    expect(expected.breached).toBeGreaterThan(0);
    expect(await text('[data-kpi=abstention] .value')).toBe('4.0%'); // 20 of 500
    expect(await text('[data-kpi=kb-hit] .value')).toBe('25.0%'); // 125 of 500
  });

  it('charts escalation by tier, priority and category', async () => {
    expect(expected.byTier).toEqual([100, 250, 100, 50]);
    expect(await text('[data-bar="Tier 0 · self-service"] .bar-caption')).toBe(`100 · ${pct(100, 500)}`);
    expect(await text('[data-bar="Tier 1 · service desk"] .bar-caption')).toBe('250 · 50.0%');
    expect(await text('[data-bar="Tier 3 · engineering"] .bar-caption')).toBe('50 · 10.0%');
    for (const p of ['P1', 'P2', 'P3', 'P4'] as const) {
      expect(await text(`[data-bar="${p}"] .bar-caption`)).toBe(`${expected.byPriority(p)} · ${pct(expected.byPriority(p), 500)}`);
    }
    // 11 categories plus needs-triage: the 8 largest, then one bar for the other 4.
    const categoryBars = page.locator('section.panel:has(h2:text-is("Category mix")) [data-bar]');
    expect(await categoryBars.count()).toBe(9);
    expect(await categoryBars.last().getAttribute('data-bar')).toBe('4 other');
    expect(await categoryBars.first().locator('.bar-caption').textContent()).toBe(
      `${expected.topCategory} · ${pct(expected.topCategory, 500)}`,
    );
  });

  it('draws deflections and escalations per minute for the last hour', async () => {
    for (const name of ['deflections', 'escalations']) {
      const points = (await page.locator(`polyline[data-series=${name}]`).getAttribute('points'))!.split(' ');
      expect(points).toHaveLength(60);
    }
    const summary = await metrics.summary('acme');
    expect(summary.timeline.reduce((n, m) => n + m.deflections, 0)).toBe(200);
  });

  it('lists latency per stage and the most helpful articles', async () => {
    for (const stage of ['categorized', 'routed', 'categorize', 'retrieve', 'assess', 'compose']) {
      expect(await page.locator(`tr[data-stage=${stage}]`).count()).toBe(1);
    }
    // Routed ages are 2.0 s to 8.0 s in 0.5 s steps, nearly uniform: the median is 5.0 s.
    expect(await text('tr[data-stage=routed] td:nth-child(2)')).toBe('5.0 s');
    expect(await text('tr[data-stage=compose] td:nth-child(5)')).toBe('15');
    expect(await page.locator('tr[data-article]').count()).toBe(6);
    // Each article is the top answer of 1 in 6 deflections, and only the top answer is credited: ≈ 33 resolved and 8 unresolved each.
    const [resolved, unresolved] = await page.locator('tr[data-article] td.num').allTextContents();
    expect(Number(resolved)).toBeGreaterThanOrEqual(33);
    expect(Number(resolved)).toBeLessThanOrEqual(34);
    expect(Number(unresolved)).toBeGreaterThanOrEqual(8);
  });

  it('serves the same figures as JSON, for the tenant asked for', async () => {
    const acme = await (await app.request('/ops/summary.json?tenant=acme')).json();
    expect(acme).toMatchObject({ tenantId: 'acme', ticketsRouted: 500, deflection: { count: 200, of: 700 } });
    const other = await (await app.request('/ops/summary.json?tenant=globex')).json();
    expect(other).toMatchObject({ tenantId: 'globex', ticketsRouted: 0 });
    expect((await app.request(`/ops?tenant=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('escapes tenant names it echoes', async () => {
    const body = await (await app.request('/ops?tenant=%3Cscript%3Ealert(1)%3C%2Fscript%3E')).text();
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
