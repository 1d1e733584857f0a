import { z } from 'zod';

// The shape of `SupportSummary` (@triage/metrics) for the OpenAPI document; the route returns the
// projection's value through it, so the compiler holds the two together.

const Rate = z.object({
  count: z.number().int(),
  of: z.number().int(),
  rate: z.number().meta({ description: 'count / of; 0 when of is 0' }),
});
const share = <K extends z.ZodType>(key: K) =>
  z.object({ key, count: z.number().int(), share: z.number().meta({ description: 'count / the total; 0 without one' }) });
const Percentiles = z.object({ count: z.number().int(), p50: z.number(), p90: z.number() }).meta({ description: 'Seconds, nearest rank' });
const Clock = z.object({
  wall: Percentiles,
  business: Percentiles.meta({ description: "On the SLA's clock: open hours, without waits on the customer" }),
});
const Latency = z.object({ stage: z.string(), count: z.number().int(), p50: z.number(), p95: z.number(), p99: z.number() });
const Tier = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const Score = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

export const SupportSummarySchema = z
  .object({
    tenantId: z.string(),
    generatedAt: z.iso.datetime(),
    ticketsRouted: z.number().int(),
    deflection: Rate.extend({ unresolved: z.number().int(), shown: z.number().int() }).meta({
      description: 'Resolved deflections over all demand: resolved + unresolved deflections + tickets that did not come from one',
    }),
    escalationByTier: z.array(share(Tier)).meta({ description: 'Routed tickets per tier, 0 (self-service) to 3 (engineering): predicted' }),
    categories: z.array(share(z.string())),
    priorities: z.array(share(z.enum(['P1', 'P2', 'P3', 'P4']))),
    sla: z.object({
      tracked: z.number().int(),
      atRisk: z.number().int().meta({ description: 'Unanswered, in the last 25% of the first-response window' }),
      breached: z.number().int().meta({ description: 'Unanswered past the first-response deadline' }),
    }),
    abstention: Rate.meta({ description: 'Categorized tickets sent to needs-triage' }),
    kbHit: Rate.meta({ description: 'Routed tickets whose best article was good enough for self-service' }),
    articles: z.array(
      z.object({
        articleId: z.string(),
        title: z.string(),
        resolved: z.number().int(),
        unresolved: z.number().int(),
        helpfulness: z.number(),
      }),
    ),
    latency: z.object({ processing: z.array(Latency), age: z.array(Latency) }),
    timeline: z.array(z.object({ minute: z.iso.datetime(), deflections: z.number().int(), escalations: z.number().int() })),
    measured: z
      .object({
        since: z.iso.datetime().nullable().meta({ description: 'The first lifecycle report; null until the helpdesk reports' }),
        tickets: z.number().int(),
        firstContactResolution: Rate,
        timeToFirstResponse: Clock,
        timeToResolution: Clock,
        sla: z.object({ firstResponse: Rate, resolution: Rate }),
        escalation: z.object({
          byTier: z.array(Rate.extend({ tier: Tier })),
          rework: Rate,
          missingFields: z.array(share(z.string())),
        }),
        reopen: Rate,
        csat: z.object({ count: z.number().int(), average: z.number(), distribution: z.array(share(Score)) }),
        backlog: z.object({
          open: z.number().int(),
          byQueue: z.array(share(z.string())),
          byPriority: z.array(share(z.enum(['P1', 'P2', 'P3', 'P4']))),
          byAge: z.array(share(z.enum(['<1h', '1h-4h', '4h-24h', '1d-3d', '>3d']))),
        }),
      })
      .meta({ description: "What the helpdesk's lifecycle reports measure" }),
  })
  .meta({
    example: {
      tenantId: 'acme',
      generatedAt: '2025-03-04T12:00:00.000Z',
      ticketsRouted: 500,
      deflection: { count: 200, of: 700, rate: 0.2857, unresolved: 50, shown: 30 },
      escalationByTier: [
        { key: 0, count: 100, share: 0.2 },
        { key: 1, count: 250, share: 0.5 },
        { key: 2, count: 100, share: 0.2 },
        { key: 3, count: 50, share: 0.1 },
      ],
      categories: [{ key: 'network', count: 120, share: 0.24 }],
      priorities: [{ key: 'P1', count: 25, share: 0.05 }],
      sla: { tracked: 500, atRisk: 12, breached: 3 },
      abstention: { count: 20, of: 500, rate: 0.04 },
      kbHit: { count: 125, of: 500, rate: 0.25 },
      articles: [{ articleId: 'reset-password', title: 'Reset your password', resolved: 33, unresolved: 8, helpfulness: 0.805 }],
      latency: { processing: [{ stage: 'categorize', count: 500, p50: 0.012, p95: 0.03, p99: 0.05 }], age: [] },
      timeline: [{ minute: '2025-03-04T11:59:00.000Z', deflections: 3, escalations: 5 }],
      measured: {
        since: '2025-03-01T08:05:00.000Z',
        tickets: 320,
        firstContactResolution: { count: 180, of: 240, rate: 0.75 },
        timeToFirstResponse: { wall: { count: 300, p50: 1800, p90: 7200 }, business: { count: 300, p50: 1500, p90: 6000 } },
        timeToResolution: { wall: { count: 240, p50: 10800, p90: 86400 }, business: { count: 240, p50: 9000, p90: 43200 } },
        sla: { firstResponse: { count: 290, of: 300, rate: 0.967 }, resolution: { count: 220, of: 240, rate: 0.917 } },
        escalation: {
          byTier: [{ tier: 1, count: 20, of: 200, rate: 0.1 }],
          rework: { count: 2, of: 20, rate: 0.1 },
          missingFields: [{ key: 'evidence', count: 2, share: 1 }],
        },
        reopen: { count: 12, of: 240, rate: 0.05 },
        csat: { count: 90, average: 4.2, distribution: [{ key: 5, count: 45, share: 0.5 }] },
        backlog: {
          open: 80,
          byQueue: [{ key: 'tier1-general', count: 50, share: 0.625 }],
          byPriority: [{ key: 'P3', count: 60, share: 0.75 }],
          byAge: [{ key: '<1h', count: 20, share: 0.25 }],
        },
      },
    },
  });
