import { describe, expect, it } from 'vitest';
import { SlaCalendars } from '@triage/business-time';
import { LifecycleReport, Ticket } from '@triage/contracts';
import type { TicketHistoryRow } from '@triage/store';
import { drills, opsHistory } from '../src/ops/history.ts';
import { periodOf } from '../src/ops/period.ts';

const NOW = Date.parse('2025-03-07T15:00:00.000Z');
const HOUR = 3_600_000;
const calendars = SlaCalendars.parse({});

const row = (
  id: string,
  receivedAt: string,
  reports: object[],
  routing: object | null = { tier: 1, queue: 'tier1' },
): TicketHistoryRow => ({
  ticket: Ticket.parse({
    id,
    tenantId: 'acme',
    receivedAt,
    subject: id,
    body: 'b',
    channel: id.startsWith('chat') ? 'chat' : 'email',
    customer: { id: 'c', tier: 'pro' },
  }),
  ...(routing && {
    assessed: {
      priority: 'P3',
      majorIncident: id.includes('major'),
      sla: {
        firstResponseDueAt: new Date(Date.parse(receivedAt) + 4 * HOUR).toISOString(),
        resolutionDueAt: new Date(Date.parse(receivedAt) + 24 * HOUR).toISOString(),
      },
      impact: 'low',
      ...routing,
    },
  }),
  timeline: reports.map((r, i) => LifecycleReport.parse({ id: `${id}-${i}`, ...r })),
});

const history = (rows: TicketHistoryRow[], range: 'today' | '7d' = '7d') =>
  opsHistory({ tickets: rows, truncated: false }, { tenantId: 'acme', calendars, period: periodOf(range, NOW), now: NOW });

describe('the period', () => {
  it('runs from the first day at 00:00 UTC to now, one entry a day', () => {
    expect(periodOf('7d', NOW)).toMatchObject({ from: '2025-03-01T00:00:00.000Z', to: '2025-03-07T15:00:00.000Z' });
    expect(periodOf('7d', NOW).days).toEqual([
      '2025-03-01',
      '2025-03-02',
      '2025-03-03',
      '2025-03-04',
      '2025-03-05',
      '2025-03-06',
      '2025-03-07',
    ]);
    expect(periodOf('today', NOW).days).toEqual(['2025-03-07']);
    expect(periodOf('30d', NOW).days).toHaveLength(30);
  });
});

describe('the history of a period', () => {
  const rows = [
    // Answered in 30 min and resolved at its tier after 2 h, on the day it came: first contact.
    row('solved', '2025-03-03T09:00:00.000Z', [
      { type: 'first_response', occurredAt: '2025-03-03T09:30:00.000Z' },
      { type: 'resolved', occurredAt: '2025-03-03T11:00:00.000Z', notes: 'ok', resolvingTier: 1 },
      { type: 'closed', occurredAt: '2025-03-03T12:00:00.000Z', csat: 4 },
    ]),
    // Resolved the next day by another tier, then reopened: not first contact.
    row('chat-escalated', '2025-03-04T09:00:00.000Z', [
      { type: 'first_response', occurredAt: '2025-03-04T10:00:00.000Z' },
      { type: 'resolved', occurredAt: '2025-03-05T09:00:00.000Z', notes: 'ok', resolvingTier: 2 },
      { type: 'reopened', occurredAt: '2025-03-06T09:00:00.000Z' },
    ]),
    // From before the period and still open: in the backlog, not in the received figures.
    row('old-major', '2025-02-20T09:00:00.000Z', [], { tier: 2, queue: 'tier2' }),
    row('unrouted', '2025-03-07T14:30:00.000Z', [], null),
  ];

  it('counts each measure on the day it happened, with the support metrics’ first-contact rule', () => {
    const h = history(rows);
    const day = (d: string) => h.days.find((x) => x.day === d)!;
    expect(h.measured).toBe(true);
    expect(day('2025-03-03')).toMatchObject({ received: 1, answered: 1, resolved: 1, fcr: 1, csat: { count: 1, sum: 4 } });
    expect(day('2025-03-03').firstResponseP50Ms).toBe(30 * 60_000);
    expect(day('2025-03-05')).toMatchObject({ received: 0, resolved: 1, fcr: 0 });
    expect(day('2025-03-06').reopened).toBe(1);
    expect(h.total).toMatchObject({ received: 3, answered: 2, resolved: 2, fcr: 1, reopened: 1 });
    expect(h.channels).toEqual([
      { key: 'email', count: 2 },
      { key: 'chat', count: 1 },
    ]);
  });

  it('puts the open routed tickets in the backlog by queue and age, whenever they came', () => {
    const { backlog } = history(rows);
    expect(backlog.open).toBe(2);
    expect(backlog.byQueue).toEqual([
      { key: 'tier1', count: 1 },
      { key: 'tier2', count: 1 },
    ]);
    expect(backlog.byAge.find((b) => b.key === '>3d')!.count).toBe(2);
  });

  it('lists the tickets behind a number: by measure, day, channel, queue and age', () => {
    const h = history(rows);
    const behind = (drill: Parameters<typeof drills>[1]) =>
      h.tickets.filter((t) => drills(t, drill, h.period, NOW)).map((t) => t.ticket.id);
    expect(behind({ measure: 'resolved', day: '2025-03-05' })).toEqual(['chat-escalated']);
    expect(behind({ measure: 'received', channel: 'chat' })).toEqual(['chat-escalated']);
    expect(behind({ measure: 'fcr' })).toEqual(['solved']);
    expect(behind({ measure: 'open', queue: 'tier2' })).toEqual(['old-major']);
    expect(behind({ measure: 'major' })).toEqual(['old-major']);
    expect(behind({ measure: 'open', age: '<1h' })).toEqual([]);
  });

  it('until the helpdesk reports, offers the SLA targets as the predicted times', () => {
    const h = history([row('quiet', '2025-03-07T10:00:00.000Z', [])], 'today');
    expect(h.measured).toBe(false);
    expect(h.targets).toEqual({ firstResponseP50Ms: 4 * HOUR, resolutionP50Ms: 24 * HOUR });
  });
});
