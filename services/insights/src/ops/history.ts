import { z } from 'zod';
import { calendarFor, type SlaCalendars } from '@triage/business-time';
import { Escalation, type Ticket } from '@triage/contracts';
import { type AgeBand, ageBandOf, ageBands, measureStoredTicket, type TicketMeasures } from '@triage/metrics';
import type { TicketHistoryRow } from '@triage/store';
import { dayOf, type Period } from './period.ts';

/** What the page reads of the escalator's decision, whatever else the decision holds. */
const Routing = z.object(Escalation.pick({ tier: true, queue: true, priority: true, majorIncident: true, sla: true }).shape);

/** One ticket of the period, with the moments its measures fall on. */
export interface HistoryTicket {
  ticket: Ticket;
  receivedAt: number;
  routing?: ReturnType<typeof Routing.parse>;
  /** By the support metrics' own definitions; none until the escalator decided. */
  measures?: TicketMeasures;
  answeredAt?: number;
  resolvedAt?: number;
  reopenedAt: number[];
  csat?: { at: number; score: number };
}

export const MEASURES = ['received', 'answered', 'resolved', 'fcr', 'reopened', 'csat', 'open', 'major'] as const;
export type Measure = (typeof MEASURES)[number];

/** Which tickets a number on the page counts: its measure, and the day, channel, queue or age it is for. */
export interface Drill {
  measure: Measure;
  day?: string | undefined;
  channel?: string | undefined;
  queue?: string | undefined;
  age?: AgeBand | undefined;
}

export interface DayFigures {
  day: string;
  received: number;
  answered: number;
  resolved: number;
  /** Of `resolved`, those resolved at first contact. */
  fcr: number;
  reopened: number;
  csat: { count: number; sum: number };
  /** Medians of the wall-clock times of the day's first responses and resolutions. */
  firstResponseP50Ms?: number | undefined;
  resolutionP50Ms?: number | undefined;
}

export interface Count {
  key: string;
  count: number;
}

export interface OpsHistory {
  period: Period;
  /** The helpdesk reported on some ticket of the period: until then the times are the SLA targets, predicted. */
  measured: boolean;
  /** More tickets matched than were read: the figures cover the newest only. */
  truncated: boolean;
  days: DayFigures[];
  total: Omit<DayFigures, 'day'>;
  channels: Count[];
  backlog: { open: number; byQueue: Count[]; byAge: Count[] };
  /** Median SLA windows the escalator set for the period's tickets: the prediction until reports come. */
  targets: { firstResponseP50Ms?: number | undefined; resolutionP50Ms?: number | undefined };
  tickets: HistoryTicket[];
}

const median = (values: number[]): number | undefined => {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const counted = (keys: string[], order?: readonly string[]): Count[] => {
  const counts = new Map<string, number>((order ?? []).map((k) => [k, 0]));
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const all = [...counts].map(([key, count]) => ({ key, count }));
  return order ? all : all.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

const historyTicket = (row: TicketHistoryRow, tenantId: string, calendars: SlaCalendars): HistoryTicket => {
  const receivedAt = Date.parse(row.ticket.receivedAt);
  const routing = row.assessed === undefined ? undefined : Routing.safeParse(row.assessed).data;
  const measures = routing
    ? measureStoredTicket(row.ticket.receivedAt, routing, row.timeline, calendarFor(calendars, tenantId, row.ticket.customer.tier))
    : undefined;
  const closed = row.timeline.findLast((r) => r.type === 'closed' && r.csat !== undefined);
  return {
    ticket: row.ticket,
    receivedAt,
    ...(routing ? { routing } : {}),
    ...(measures ? { measures } : {}),
    ...(measures?.firstResponse ? { answeredAt: receivedAt + measures.firstResponse.wallMs } : {}),
    ...(measures?.resolution ? { resolvedAt: receivedAt + measures.resolution.wallMs } : {}),
    reopenedAt: row.timeline.filter((r) => r.type === 'reopened').map((r) => Date.parse(r.occurredAt)),
    ...(closed?.type === 'closed' && closed.csat !== undefined ? { csat: { at: Date.parse(closed.occurredAt), score: closed.csat } } : {}),
  };
};

const isOpen = (t: HistoryTicket) => t.measures?.open === true;

/** The moments a ticket counts for a measure on: one per event (several reopens count several times). */
const momentsOf = (t: HistoryTicket, measure: Measure): number[] => {
  switch (measure) {
    case 'received':
      return [t.receivedAt];
    case 'answered':
      return t.answeredAt === undefined ? [] : [t.answeredAt];
    case 'resolved':
      return t.resolvedAt === undefined ? [] : [t.resolvedAt];
    case 'fcr':
      return t.resolvedAt !== undefined && t.measures?.firstContactResolution ? [t.resolvedAt] : [];
    case 'reopened':
      return t.reopenedAt;
    case 'csat':
      return t.csat ? [t.csat.at] : [];
    default:
      return [];
  }
};

/** Whether the ticket is behind the number `drill` names, on `now`'s backlog for the open ones. */
export const drills = (t: HistoryTicket, drill: Drill, period: Period, now: number): boolean => {
  if (drill.channel !== undefined && t.ticket.channel !== drill.channel) return false;
  if (drill.measure === 'open' || drill.measure === 'major') {
    if (!isOpen(t) || (drill.measure === 'major' && !t.routing?.majorIncident)) return false;
    if (drill.queue !== undefined && t.measures?.queue !== drill.queue) return false;
    return drill.age === undefined || ageBandOf(now - t.receivedAt) === drill.age;
  }
  const from = Date.parse(period.from);
  return momentsOf(t, drill.measure).some((at) => (drill.day === undefined ? at >= from && at <= now : dayOf(at) === drill.day));
};

const figuresOf = (tickets: HistoryTicket[], inside: (at: number) => boolean): Omit<DayFigures, 'day'> => {
  const firstResponses = tickets.filter((t) => t.answeredAt !== undefined && inside(t.answeredAt));
  const resolutions = tickets.filter((t) => t.resolvedAt !== undefined && inside(t.resolvedAt));
  const scores = tickets.filter((t) => t.csat && inside(t.csat.at)).map((t) => t.csat!.score);
  return {
    received: tickets.filter((t) => inside(t.receivedAt)).length,
    answered: firstResponses.length,
    resolved: resolutions.length,
    fcr: resolutions.filter((t) => t.measures?.firstContactResolution).length,
    reopened: tickets.flatMap((t) => t.reopenedAt).filter(inside).length,
    csat: { count: scores.length, sum: scores.reduce((a, b) => a + b, 0) },
    firstResponseP50Ms: median(firstResponses.map((t) => t.measures!.firstResponse!.wallMs)),
    resolutionP50Ms: median(resolutions.map((t) => t.measures!.resolution!.wallMs)),
  };
};

/** The period's figures per day and in total, its channel mix, and the backlog and major incidents open now. */
export const opsHistory = (
  rows: { tickets: TicketHistoryRow[]; truncated: boolean },
  context: { tenantId: string; calendars: SlaCalendars; period: Period; now: number },
): OpsHistory => {
  const { period, now } = context;
  const tickets = rows.tickets.map((row) => historyTicket(row, context.tenantId, context.calendars));
  const from = Date.parse(period.from);
  const received = tickets.filter((t) => t.receivedAt >= from);
  const open = tickets.filter(isOpen);
  const window = (ms: (t: HistoryTicket) => number) => median(received.filter((t) => t.routing).map(ms));
  return {
    period,
    measured: tickets.some((t) => t.measures?.reported),
    truncated: rows.truncated,
    days: period.days.map((day) => ({ day, ...figuresOf(tickets, (at) => dayOf(at) === day) })),
    total: figuresOf(tickets, (at) => at >= from && at <= now),
    channels: counted(received.map((t) => t.ticket.channel)),
    backlog: {
      open: open.length,
      byQueue: counted(open.map((t) => t.measures!.queue)),
      byAge: counted(
        open.map((t) => ageBandOf(now - t.receivedAt)),
        ageBands,
      ),
    },
    targets: {
      firstResponseP50Ms: window((t) => Date.parse(t.routing!.sla.firstResponseDueAt) - t.receivedAt),
      resolutionP50Ms: window((t) => Date.parse(t.routing!.sla.resolutionDueAt) - t.receivedAt),
    },
    tickets,
  };
};
