import type { ClockPercentiles } from './measured.ts';
import type { Labels, Projection, Sample } from './projection.ts';
import { type Rate, tally } from './rates.ts';
import { openTickets } from './backlog.ts';
import { measuredOf } from './tenant-stats.ts';

// Ratios and quantiles are gauges of the current figures (definitions on `MeasuredSummary`); each
// keeps its count next to it so a dashboard can tell 0% of nothing from 0% of many.

const ratio = (r: Rate, labels = {}): Sample[] => [[labels, r.rate]];

const clockSamples = (c: ClockPercentiles): Sample[] =>
  (['wall', 'business'] as const).flatMap((clock) => [
    [{ clock, quantile: '0.5' }, c[clock].p50] as Sample,
    [{ clock, quantile: '0.9' }, c[clock].p90] as Sample,
  ]);

export const measuredProjections: Projection[] = [
  {
    name: 'triage_measured_tickets',
    help: 'Routed tickets the helpdesk reported on at least once: the population of the measured figures',
    type: 'gauge',
    labelNames: [],
    samples: (s) => [[{}, measuredOf(s).tickets]],
  },
  {
    name: 'triage_first_contact_resolution_ratio',
    help: 'Resolved tickets solved at the routed tier, with no escalation or reassignment before and no reopen within 7 days',
    type: 'gauge',
    labelNames: [],
    samples: (s) => ratio(measuredOf(s).firstContactResolution),
  },
  {
    name: 'triage_time_to_first_response_seconds',
    help: 'Time from receipt to the first response (or resolution), nearest-rank quantiles; business: open hours without customer waits',
    type: 'gauge',
    labelNames: ['clock', 'quantile'],
    samples: (s) => clockSamples(measuredOf(s).timeToFirstResponse),
  },
  {
    name: 'triage_time_to_resolution_seconds',
    help: 'Time from receipt to the first resolution, nearest-rank quantiles; business: open hours without customer waits',
    type: 'gauge',
    labelNames: ['clock', 'quantile'],
    samples: (s) => clockSamples(measuredOf(s).timeToResolution),
  },
  {
    name: 'triage_sla_compliance_ratio',
    help: "Answered (resolved) tickets whose first response (resolution) came within the SLA window on the SLA's clock",
    type: 'gauge',
    labelNames: ['deadline'],
    samples: (s) => {
      const { firstResponse, resolution } = measuredOf(s).sla;
      return [...ratio(firstResponse, { deadline: 'first_response' }), ...ratio(resolution, { deadline: 'resolution' })];
    },
  },
  {
    name: 'triage_escalation_ratio',
    help: 'Measured tickets escalated at least once, by the tier they were routed to',
    type: 'gauge',
    labelNames: ['tier'],
    samples: (s) => measuredOf(s).escalation.byTier.map((t) => [{ tier: String(t.tier) }, t.rate]),
  },
  {
    name: 'triage_escalation_rework_ratio',
    help: 'Escalated tickets with at least one escalation sent back to the sender',
    type: 'gauge',
    labelNames: [],
    samples: (s) => ratio(measuredOf(s).escalation.rework),
  },
  {
    name: 'triage_escalation_missing_fields',
    help: 'Sent-back escalations naming each handoff packet field as missing (the most frequent five)',
    type: 'gauge',
    labelNames: ['field'],
    samples: (s) => measuredOf(s).escalation.missingFields.map((f) => [{ field: f.key }, f.count]),
  },
  {
    name: 'triage_reopen_ratio',
    help: 'Resolved tickets reopened at least once',
    type: 'gauge',
    labelNames: [],
    samples: (s) => ratio(measuredOf(s).reopen),
  },
  {
    name: 'triage_csat_responses',
    help: 'Satisfaction scores given when tickets closed, by score (1 worst, 5 best)',
    type: 'gauge',
    labelNames: ['score'],
    samples: (s) => measuredOf(s).csat.distribution.map((d) => [{ score: String(d.key) }, d.count]),
  },
  {
    name: 'triage_backlog_tickets',
    help: 'Routed tickets not resolved or closed, by the queue and priority reported last and by age band',
    type: 'gauge',
    labelNames: ['queue', 'priority', 'age'],
    // One series per occupied cell, so a dashboard sums over whichever labels it does not show.
    samples: (s, now) =>
      [...tally(openTickets(s.tickets.values(), now).map((t) => JSON.stringify(t)))].map(([cell, n]) => [JSON.parse(cell) as Labels, n]),
  },
];
