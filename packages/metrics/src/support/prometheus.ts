import { Counter, Gauge, type Registry } from 'prom-client';
import { slaCounts } from './sla.ts';
import { measuredProjections } from './measured-prometheus.ts';
import type { Projection } from './projection.ts';
import { demandOf, type TenantStats } from './tenant-stats.ts';

const projections: Projection[] = [
  {
    name: 'triage_tickets_routed_total',
    help: 'Tickets routed to a queue, by support tier',
    type: 'counter',
    labelNames: ['tier'],
    samples: (s) => s.byTier.map((n, tier) => [{ tier: String(tier) }, n]),
  },
  {
    name: 'triage_tickets_routed_by_priority_total',
    help: 'Tickets routed, by priority',
    type: 'counter',
    labelNames: ['priority'],
    samples: (s) => Object.entries(s.byPriority).map(([priority, n]) => [{ priority }, n]),
  },
  {
    name: 'triage_tickets_routed_by_category_total',
    help: 'Tickets routed, by category',
    type: 'counter',
    labelNames: ['category'],
    samples: (s) => [...s.byCategory].map(([category, n]) => [{ category }, n]),
  },
  {
    name: 'triage_tickets_routed_without_deflection_total',
    help: 'Routed tickets that did not start as an unresolved self-service deflection',
    type: 'counter',
    labelNames: [],
    samples: (s) => [[{}, s.routedDirect]],
  },
  {
    name: 'triage_kb_lookups_total',
    help: 'Routed tickets whose best knowledge-base article was (hit) or was not (miss) good enough for self-service',
    type: 'counter',
    labelNames: ['result'],
    samples: (s) => [
      [{ result: 'hit' }, s.selfServe],
      [{ result: 'miss' }, s.routed - s.selfServe],
    ],
  },
  {
    name: 'triage_categorizations_total',
    help: 'Categorizer decisions; abstained means sent to needs-triage',
    type: 'counter',
    labelNames: ['result'],
    samples: (s) => [
      [{ result: 'categorized' }, s.categorized - s.abstained],
      [{ result: 'abstained' }, s.abstained],
    ],
  },
  {
    name: 'triage_deflections_total',
    help: 'Self-service deflections, by outcome',
    type: 'counter',
    labelNames: ['outcome'],
    samples: (s) => Object.entries(s.deflections).map(([outcome, n]) => [{ outcome }, n]),
  },
  {
    name: 'triage_deflection_rate',
    help: 'Resolved deflections / (resolved + unresolved deflections + routed tickets without deflection)',
    type: 'gauge',
    labelNames: [],
    samples: (s) => {
      const demand = demandOf(s);
      return [[{}, demand ? s.deflections.resolved / demand : 0]];
    },
  },
  {
    name: 'triage_sla_first_response_tickets',
    help: 'Recently routed tickets still waiting for a first response, by SLA state (at_risk: last 25% of the window; breached: deadline passed)',
    type: 'gauge',
    labelNames: ['state'],
    samples: (s, now) => {
      const { atRisk, breached } = slaCounts(s.tickets.values(), now);
      return [
        [{ state: 'at_risk' }, atRisk],
        [{ state: 'breached' }, breached],
      ];
    },
  },
];

/**
 * Registers the support metrics on `registry`, each labelled by tenant and projected from the
 * tenants' aggregates at scrape time, so Prometheus and `summary()` can never disagree.
 */
export const registerSupportMetrics = (registry: Registry, tenants: ReadonlyMap<string, TenantStats>, now: () => number): void => {
  for (const p of [...projections, ...measuredProjections]) {
    const config = { name: p.name, help: p.help, labelNames: ['tenant', ...p.labelNames], registers: [registry] };
    if (p.type === 'counter') {
      new Counter({
        ...config,
        collect() {
          this.reset();
          for (const [tenant, stats] of tenants)
            for (const [labels, value] of p.samples(stats, now())) this.inc({ tenant, ...labels }, value);
        },
      });
    } else {
      new Gauge({
        ...config,
        collect() {
          this.reset();
          for (const [tenant, stats] of tenants)
            for (const [labels, value] of p.samples(stats, now())) this.set({ tenant, ...labels }, value);
        },
      });
    }
  }
};
