import { Registry } from 'prom-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { Topics } from '@triage/contracts';
import { createStageMetrics, createSupportMetrics, supportMetricsHandler, type SupportMetrics } from '../src/index.ts';
import { article, categorizedEvent, deflectionEvent, routedEvent } from '../src/testing/events.ts';
import { scrape, sampleValue } from './scrape.ts';

const NOW = Date.parse('2025-03-03T10:00:00.000Z');
const MIN = 60_000;

/**
 * Six routed tickets, four categorized, five deflection events (one a redelivery):
 *   t1 tier 0 P4 billing  self-serve  due in 50 of 60 min      → on time
 *   t2 tier 1 P3 billing              due in 10 of 60 min      → at risk (≤ 15)
 *   t3 tier 2 P2 network              due 10 min ago           → breached
 *   t4 tier 3 P1 network              due 5 min ago            → breached
 *   t5 tier 1 P3 access   from an unresolved deflection, due in 58 of 60 → on time
 *   t6 tier 1 P3 abstained (needs-triage) self-serve, due in 1 of 6 min → at risk (≤ 1.5)
 */
const feed = (metrics: SupportMetrics) => {
  const routed = [
    routedEvent({
      ticketId: 't1',
      receivedAt: NOW - 10 * MIN,
      tier: 0,
      priority: 'P4',
      category: 'billing',
      selfServe: true,
      ageMs: 10_000,
    }),
    routedEvent({ ticketId: 't2', receivedAt: NOW - 50 * MIN, tier: 1, priority: 'P3', category: 'billing', ageMs: 20_000 }),
    routedEvent({ ticketId: 't3', receivedAt: NOW - 70 * MIN, tier: 2, priority: 'P2', category: 'network' }),
    routedEvent({ ticketId: 't4', receivedAt: NOW - 20 * MIN, tier: 3, priority: 'P1', category: 'network', firstResponseMinutes: 15 }),
    routedEvent({ ticketId: 't5', receivedAt: NOW - 2 * MIN, tier: 1, priority: 'P3', category: 'access', fromDeflection: true }),
    routedEvent({
      ticketId: 't6',
      receivedAt: NOW - 5 * MIN,
      tier: 1,
      priority: 'P3',
      abstained: true,
      selfServe: true,
      firstResponseMinutes: 6,
    }),
  ];
  for (const e of routed) metrics.observe(Topics.ticketsRouted, e);
  const categorized = [1, 2, 3, 4].map((n) =>
    categorizedEvent({ ticketId: `t${n}`, receivedAt: NOW - 30 * MIN, ageMs: n * 1_000, abstained: n === 4 }),
  );
  for (const e of categorized) metrics.observe(Topics.ticketsCategorized, e);
  const resolvedFirst = deflectionEvent({
    deflectionId: 'd1',
    outcome: 'resolved',
    at: NOW - MIN,
    solutions: [article('kb-1'), article('kb-2')],
    creditedArticleId: 'kb-2',
  });
  for (const e of [
    resolvedFirst,
    deflectionEvent({ deflectionId: 'd2', outcome: 'resolved', at: NOW - MIN + 30_000, solutions: [article('kb-1')] }),
    deflectionEvent({ deflectionId: 'd3', outcome: 'unresolved', at: NOW - 3 * MIN, solutions: [article('kb-2'), article('kb-3')] }),
    deflectionEvent({ deflectionId: 'd4', outcome: 'shown', at: NOW - 4 * MIN, solutions: [article('kb-1')] }),
    resolvedFirst,
  ])
    metrics.observe(Topics.deflectionsRecorded, e);
};

describe('support metrics projector', () => {
  let registry: Registry;
  let metrics: SupportMetrics;
  beforeEach(() => {
    registry = new Registry();
    metrics = createSupportMetrics({ registry, now: () => NOW, limits: { minutes: 10 } });
    feed(metrics);
  });

  it('counts routed tickets and their shares per tier, priority and category', async () => {
    const s = await metrics.summary('acme');
    expect(s.ticketsRouted).toBe(6);
    expect(s.escalationByTier).toEqual([
      { key: 0, count: 1, share: 1 / 6 },
      { key: 1, count: 3, share: 3 / 6 },
      { key: 2, count: 1, share: 1 / 6 },
      { key: 3, count: 1, share: 1 / 6 },
    ]);
    expect(s.priorities.map((p) => [p.key, p.count])).toEqual([
      ['P1', 1],
      ['P2', 1],
      ['P3', 3],
      ['P4', 1],
    ]);
    expect(s.categories.map((c) => [c.key, c.count, c.share])).toEqual([
      ['billing', 2, 2 / 6],
      ['network', 2, 2 / 6],
      ['access', 1, 1 / 6],
      ['needs-triage', 1, 1 / 6],
    ]);
  });

  it('rates deflection as resolved over resolved + unresolved + tickets not from a deflection', async () => {
    const s = await metrics.summary('acme');
    // 2 resolved (the redelivered d1 counts once) / (2 + 1 unresolved + 5 routed tickets other than t5).
    expect(s.deflection).toEqual({ count: 2, of: 8, rate: 0.25, unresolved: 1, shown: 1 });
  });

  it('counts SLA at risk and breached at summary time', async () => {
    expect((await metrics.summary('acme')).sla).toEqual({ tracked: 6, atRisk: 2, breached: 2 });
  });

  it('reports abstention and KB hit rates', async () => {
    const s = await metrics.summary('acme');
    expect(s.abstention).toEqual({ count: 1, of: 4, rate: 0.25 });
    expect(s.kbHit).toEqual({ count: 2, of: 6, rate: 2 / 6 });
  });

  it('ranks articles by resolved votes, crediting each verdict to the article opened, else the top answer', async () => {
    const s = await metrics.summary('acme');
    // d1 opened kb-2 (its second answer); d2 and d3 name none, so their top answers kb-1 and kb-2 count.
    expect(s.articles.map((a) => [a.articleId, a.resolved, a.unresolved, a.helpfulness])).toEqual([
      ['kb-1', 1, 0, 1],
      ['kb-2', 1, 1, 0.5],
    ]);
  });

  it('credits no article for a verdict on a question no article was offered for', async () => {
    const solutions = [article('kb-9')];
    metrics.observe(
      Topics.deflectionsRecorded,
      deflectionEvent({ deflectionId: 'd9', outcome: 'unresolved', at: NOW, solutions, deflectable: false }),
    );
    const s = await metrics.summary('acme');
    expect(s.deflection.unresolved).toBe(2);
    expect(s.articles.map((a) => a.articleId)).toEqual(['kb-1', 'kb-2']);
  });

  it('gives nearest-rank age quantiles when categorized and when routed', async () => {
    const s = await metrics.summary('acme');
    expect(s.latency.age).toEqual([
      // ages 1, 2, 3, 4 s
      { stage: 'categorized', count: 4, p50: 2, p95: 4, p99: 4 },
      // ages 5, 5, 5, 5, 10, 20 s
      { stage: 'routed', count: 6, p50: 5, p95: 20, p99: 20 },
    ]);
    expect(s.latency.processing).toEqual([]);
  });

  it('buckets resolved deflections and tier ≥ 1 routings per minute over the last N minutes', async () => {
    const s = await metrics.summary('acme');
    expect(s.timeline).toHaveLength(10);
    expect(s.timeline[0]!.minute).toBe('2025-03-03T09:51:00.000Z');
    expect(s.timeline.at(-1)!.minute).toBe('2025-03-03T10:00:00.000Z');
    const nonZero = s.timeline.filter((m) => m.deflections || m.escalations);
    // t2, t3, t4 were routed before the window; t1 is tier 0; t5 at 09:58:05, t6 at 09:55:05.
    expect(nonZero).toEqual([
      { minute: '2025-03-03T09:55:00.000Z', deflections: 0, escalations: 1 },
      { minute: '2025-03-03T09:58:00.000Z', deflections: 0, escalations: 1 },
      { minute: '2025-03-03T09:59:00.000Z', deflections: 2, escalations: 0 },
    ]);
  });

  it('keeps tenants apart', async () => {
    metrics.observe(Topics.ticketsRouted, routedEvent({ tenantId: 'globex', ticketId: 'g1', receivedAt: NOW - MIN, tier: 3 }));
    expect(metrics.tenants()).toEqual(['acme', 'globex']);
    expect((await metrics.summary('acme')).ticketsRouted).toBe(6);
    const globex = await metrics.summary('globex');
    expect(globex.ticketsRouted).toBe(1);
    expect(globex.escalationByTier.map((t) => t.count)).toEqual([0, 0, 0, 1]);
    expect((await metrics.summary('nobody')).ticketsRouted).toBe(0);
  });

  it('forgets the oldest tickets beyond the per-tenant SLA limit', async () => {
    const small = createSupportMetrics({ registry: new Registry(), now: () => NOW, limits: { maxTickets: 2 } });
    for (const n of [1, 2, 3])
      small.observe(Topics.ticketsRouted, routedEvent({ ticketId: `x${n}`, receivedAt: NOW - (n === 1 ? 90 : 1) * MIN }));
    // x1 (breached) was evicted; x2 and x3 are on time.
    expect((await small.summary('acme')).sla).toEqual({ tracked: 2, atRisk: 0, breached: 0 });
    expect((await small.summary('acme')).ticketsRouted).toBe(3);
  });

  it('reads per-stage processing quantiles from the stage histogram on the same registry', async () => {
    const stage = createStageMetrics(registry, 'categorizer');
    const handler = stage.wrap('categorize', async () => []);
    await handler([
      { topic: Topics.ticketsRouted, partition: 0, offset: '0', headers: {}, event: routedEvent({ ticketId: 'p1', receivedAt: NOW }) },
      { topic: Topics.ticketsRouted, partition: 0, offset: '1', headers: {}, event: routedEvent({ ticketId: 'p2', receivedAt: NOW }) },
    ]);
    const [processing] = (await metrics.summary('acme')).latency.processing;
    expect(processing).toMatchObject({ stage: 'categorize', count: 2 });
    expect(processing!.p50).toBeGreaterThan(0);
    expect(processing!.p99).toBeGreaterThanOrEqual(processing!.p50);
  });

  it('exposes the same figures to Prometheus with a tenant label', async () => {
    const families = await scrape(registry);
    const acme = { tenant: 'acme' };
    expect([0, 1, 2, 3].map((tier) => sampleValue(families, 'triage_tickets_routed_total', { ...acme, tier: String(tier) }))).toEqual([
      1, 3, 1, 1,
    ]);
    expect(sampleValue(families, 'triage_tickets_routed_by_priority_total', { ...acme, priority: 'P3' })).toBe(3);
    expect(sampleValue(families, 'triage_tickets_routed_by_category_total', { ...acme, category: 'network' })).toBe(2);
    expect(sampleValue(families, 'triage_tickets_routed_without_deflection_total', acme)).toBe(5);
    expect(sampleValue(families, 'triage_kb_lookups_total', { ...acme, result: 'hit' })).toBe(2);
    expect(sampleValue(families, 'triage_kb_lookups_total', { ...acme, result: 'miss' })).toBe(4);
    expect(sampleValue(families, 'triage_categorizations_total', { ...acme, result: 'abstained' })).toBe(1);
    expect(sampleValue(families, 'triage_categorizations_total', { ...acme, result: 'categorized' })).toBe(3);
    expect(sampleValue(families, 'triage_deflections_total', { ...acme, outcome: 'resolved' })).toBe(2);
    expect(sampleValue(families, 'triage_deflections_total', { ...acme, outcome: 'shown' })).toBe(1);
    expect(sampleValue(families, 'triage_deflection_rate', acme)).toBe(0.25);
    expect(sampleValue(families, 'triage_sla_first_response_tickets', { ...acme, state: 'at_risk' })).toBe(2);
    expect(sampleValue(families, 'triage_sla_first_response_tickets', { ...acme, state: 'breached' })).toBe(2);
    expect(families.find((f) => f.name === 'triage_deflection_rate')?.type).toBe('GAUGE');
    expect(families.find((f) => f.name === 'triage_deflections_total')?.type).toBe('COUNTER');
  });

  it('is fed by a bus handler that publishes nothing', async () => {
    const fresh = createSupportMetrics({ registry: new Registry(), now: () => NOW });
    const handler = supportMetricsHandler<typeof Topics.ticketsRouted>(fresh);
    const event = routedEvent({ ticketId: 'h1', receivedAt: NOW - MIN, tier: 2 });
    expect(await handler([{ topic: Topics.ticketsRouted, partition: 0, offset: '7', headers: {}, event }])).toEqual([]);
    expect((await fresh.summary('acme')).escalationByTier[2]!.count).toBe(1);
  });

  it('ignores topics it does not project', async () => {
    metrics.observe(Topics.ticketsAssessed, { ...routedEvent({ ticketId: 'z', receivedAt: NOW }), type: 'ticket.assessed' } as never);
    expect((await metrics.summary('acme')).ticketsRouted).toBe(6);
  });
});
