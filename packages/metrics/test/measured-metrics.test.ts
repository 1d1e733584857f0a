import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SlaCalendars } from '@triage/business-time';
import { type LifecycleReport, Topics } from '@triage/contracts';
import { createSupportMetrics, type SupportMetrics } from '../src/index.ts';
import { lifecycleEvent, type RoutedFacts, routedEvent } from '../src/testing/events.ts';
import { sampleValue, scrape } from './scrape.ts';

const NOW = Date.parse('2025-03-03T12:00:00.000Z');
const RECEIVED = NOW - 3 * 3_600_000;
const MIN = 60_000;
const at = (minutes: number) => new Date(RECEIVED + minutes * MIN).toISOString();

type Script = [type: LifecycleReport['type'], minute: number, fields?: Record<string, unknown>][];

/**
 * Eight tickets received together, first-response window 60 min, resolution window 24 h:
 *   a  tier 1  assigned, answered at 10, resolved at 100 by tier 1, closed CSAT 5      → FCR
 *   b  tier 1  answered at 30, waits on the customer 40–100, resolved at 130, reopened
 *              8 days later (outside the FCR window), resolved again, closed CSAT 3   → FCR, reopened
 *   c  tier 1  answered at 90 (SLA missed), escalated, sent back (evidence, tried),
 *              resolved at 300                                                         → not FCR: escalated
 *   d  tier 1  waits on the customer 5–65, answered at 100 (40 business minutes): open
 *   e  tier 1  assigned to q1 then q2, resolved at 50 with no response before          → not FCR: reassigned
 *   f  tier 2  resolved at 30 by tier 1, reopened at 60: open                          → not FCR: other tier
 *   g  tier 1  nothing reported: open, not measured
 *   h  tier 3  P1, escalated twice and sent back twice (nothing named, then evidence),
 *              assigned to q3: open
 */
const scripts: Record<string, { routed: Partial<RoutedFacts>; script: Script }> = {
  a: {
    routed: { tier: 1 },
    script: [
      ['assigned', 1, { queue: 'q1', tier: 1 }],
      ['first_response', 10],
      ['resolved', 100, { notes: 'fixed', resolvingTier: 1 }],
      ['closed', 200, { csat: 5 }],
    ],
  },
  b: {
    routed: { tier: 1 },
    script: [
      ['first_response', 30],
      ['pending_customer', 40],
      ['customer_replied', 100],
      ['resolved', 130, { notes: 'fixed', resolvingTier: 1 }],
      ['reopened', 130 + 8 * 24 * 60],
      ['resolved', 130 + 8 * 24 * 60 + 60, { notes: 'fixed again', resolvingTier: 1 }],
      ['closed', 130 + 8 * 24 * 60 + 61, { csat: 3 }],
    ],
  },
  c: {
    routed: { tier: 1 },
    script: [
      ['first_response', 90],
      ['escalated', 95, { to: { tier: 2 }, direction: 'hierarchical', by: 'ana' }],
      ['escalation_returned', 120, { missingFields: ['evidence', 'tried'] }],
      ['resolved', 300, { notes: 'fixed', resolvingTier: 1 }],
    ],
  },
  d: {
    routed: { tier: 1 },
    script: [
      ['pending_customer', 5],
      ['resumed', 65],
      ['first_response', 100],
    ],
  },
  e: {
    routed: { tier: 1 },
    script: [
      ['assigned', 1, { queue: 'q1', tier: 1 }],
      ['assigned', 20, { queue: 'q2', tier: 1 }],
      ['resolved', 50, { notes: 'fixed', resolvingTier: 1 }],
    ],
  },
  f: {
    routed: { tier: 2 },
    script: [
      ['resolved', 30, { notes: 'fixed', resolvingTier: 1 }],
      ['reopened', 60],
    ],
  },
  g: { routed: { tier: 1 }, script: [] },
  h: {
    routed: { tier: 3, priority: 'P1' },
    script: [
      ['escalated', 10, { to: { team: 'sre' }, direction: 'functional', by: 'li' }],
      ['escalation_returned', 20, { missingFields: [] }],
      ['escalated', 30, { to: { team: 'sre' }, direction: 'functional', by: 'li' }],
      ['escalation_returned', 40, { missingFields: ['evidence'] }],
      ['assigned', 50, { queue: 'q3', tier: 3 }],
    ],
  },
};

const events = () =>
  Object.entries(scripts).flatMap(([ticketId, { routed, script }]) => [
    { topic: Topics.ticketsRouted, event: routedEvent({ ticketId, receivedAt: RECEIVED, ...routed }) },
    ...script.map(([type, minute, fields], i) => ({
      topic: Topics.ticketsLifecycleApplied,
      event: lifecycleEvent(ticketId, { type, id: `${ticketId}-${i}`, occurredAt: at(minute), ...fields } as LifecycleReport),
    })),
  ]);

const fed = (order: (list: ReturnType<typeof events>) => ReturnType<typeof events>, registry = new Registry()) => {
  const metrics = createSupportMetrics({ registry, now: () => NOW });
  for (const { topic, event } of order(events())) metrics.observe(topic, event as never);
  return metrics;
};

const measuredOf = async (metrics: SupportMetrics) => (await metrics.summary('acme')).measured;

describe('measured support metrics', () => {
  it('follows the definitions on a scripted set of tickets', async () => {
    const m = await measuredOf(fed((list) => list));
    expect(m.since).toBe(at(1));
    expect(m.tickets).toBe(7);
    expect(m.firstContactResolution).toEqual({ count: 2, of: 5, rate: 2 / 5 });
    // Answered: a 10, b 30, f 30 (its resolution), e 50, c 90, d 100 min (40 on the SLA's clock).
    expect(m.timeToFirstResponse).toEqual({ wall: { count: 6, p50: 1800, p90: 6000 }, business: { count: 6, p50: 1800, p90: 5400 } });
    // Resolved: f 30, e 50, a 100, b 130 (70 without the wait), c 300 min.
    expect(m.timeToResolution).toEqual({ wall: { count: 5, p50: 6000, p90: 18000 }, business: { count: 5, p50: 4200, p90: 18000 } });
    expect(m.sla).toEqual({ firstResponse: { count: 5, of: 6, rate: 5 / 6 }, resolution: { count: 5, of: 5, rate: 1 } });
    expect(m.escalation.byTier).toEqual([
      { tier: 0, count: 0, of: 0, rate: 0 },
      { tier: 1, count: 1, of: 5, rate: 1 / 5 },
      { tier: 2, count: 0, of: 1, rate: 0 },
      { tier: 3, count: 1, of: 1, rate: 1 },
    ]);
    expect(m.escalation.rework).toEqual({ count: 2, of: 2, rate: 1 });
    expect(m.escalation.missingFields).toEqual([
      { key: 'evidence', count: 2, share: 2 / 3 },
      { key: 'tried', count: 1, share: 1 / 3 },
    ]);
    expect(m.reopen).toEqual({ count: 2, of: 5, rate: 2 / 5 });
    expect(m.csat.count).toBe(2);
    expect(m.csat.average).toBe(4);
    expect(m.csat.distribution.map((d) => d.count)).toEqual([0, 0, 1, 0, 1]);
    expect(m.backlog.open).toBe(4);
    expect(m.backlog.byQueue).toEqual([
      { key: 'tier1-queue', count: 2, share: 0.5 },
      { key: 'q3', count: 1, share: 0.25 },
      { key: 'tier2-queue', count: 1, share: 0.25 },
    ]);
    expect(m.backlog.byPriority.map((p) => [p.key, p.count])).toEqual([
      ['P1', 1],
      ['P2', 0],
      ['P3', 3],
      ['P4', 0],
    ]);
    expect(m.backlog.byAge.map((b) => [b.key, b.count])).toEqual([
      ['<1h', 0],
      ['1h-4h', 4],
      ['4h-24h', 0],
      ['1d-3d', 0],
      ['>3d', 0],
    ]);
  });

  it('counts only tickets still waiting for a first response as at risk or breached', async () => {
    // Due two hours ago: g and h wait still; the others were answered or resolved.
    expect((await fed((list) => list).summary('acme')).sla).toEqual({ tracked: 8, atRisk: 0, breached: 2 });
  });

  it('gives the same figures when the events are replayed in another order and some twice', async () => {
    const inOrder = await measuredOf(fed((list) => list));
    const shuffled = await measuredOf(fed((list) => [...list.toReversed(), ...list.filter((_, i) => i % 3 === 0)]));
    expect(shuffled).toEqual(inOrder);
  });

  it("counts business time on the desk's calendar for the customer's tier", async () => {
    // A pro desk open 09:00–17:00 UTC on weekdays: Friday 16:00 to Monday 10:00 is two open hours.
    const calendars = SlaCalendars.parse({
      tenants: {
        acme: {
          tiers: { pro: { zone: 'UTC', week: { mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] } } },
        },
      },
    });
    const metrics = createSupportMetrics({ registry: new Registry(), now: () => NOW, calendars });
    const friday = Date.parse('2025-02-28T16:00:00Z');
    metrics.observe(Topics.ticketsRouted, routedEvent({ ticketId: 'w', receivedAt: friday, firstResponseMinutes: 180 }));
    metrics.observe(
      Topics.ticketsLifecycleApplied,
      lifecycleEvent('w', { type: 'first_response', id: 'w-1', occurredAt: '2025-03-03T10:00:00.000Z' }),
    );
    const m = await measuredOf(metrics);
    expect(m.timeToFirstResponse.wall.p50).toBe(66 * 3600);
    expect(m.timeToFirstResponse.business.p50).toBe(2 * 3600);
    expect(m.sla.firstResponse).toEqual({ count: 1, of: 1, rate: 1 });
  });

  it('exposes the same figures to Prometheus, per tenant', async () => {
    const registry = new Registry();
    fed((list) => list, registry);
    const families = await scrape(registry);
    const acme = { tenant: 'acme' };
    expect(sampleValue(families, 'triage_first_contact_resolution_ratio', acme)).toBe(0.4);
    expect(sampleValue(families, 'triage_time_to_first_response_seconds', { ...acme, clock: 'business', quantile: '0.9' })).toBe(5400);
    expect(sampleValue(families, 'triage_time_to_resolution_seconds', { ...acme, clock: 'wall', quantile: '0.5' })).toBe(6000);
    expect(sampleValue(families, 'triage_sla_compliance_ratio', { ...acme, deadline: 'first_response' })).toBeCloseTo(5 / 6);
    expect(sampleValue(families, 'triage_escalation_ratio', { ...acme, tier: '1' })).toBe(0.2);
    expect(sampleValue(families, 'triage_escalation_rework_ratio', acme)).toBe(1);
    expect(sampleValue(families, 'triage_escalation_missing_fields', { ...acme, field: 'evidence' })).toBe(2);
    expect(sampleValue(families, 'triage_reopen_ratio', acme)).toBe(0.4);
    expect(sampleValue(families, 'triage_csat_responses', { ...acme, score: '5' })).toBe(1);
    expect(sampleValue(families, 'triage_backlog_tickets', { ...acme, queue: 'tier1-queue', priority: 'P3', age: '1h-4h' })).toBe(2);
    expect(sampleValue(families, 'triage_backlog_tickets', { ...acme, queue: 'q3', priority: 'P1', age: '1h-4h' })).toBe(1);
  });
});
