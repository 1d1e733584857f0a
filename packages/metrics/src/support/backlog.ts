import type { Priority } from '@triage/contracts';
import { byCountThenKey, type Share, shares, tally } from './rates.ts';
import { measuresOf } from './ticket-measures.ts';
import type { TicketRecord } from './ticket-record.ts';

const HOUR_MS = 3_600_000;

/** Age bands of open tickets, since receipt: each holds ages below its bound. */
const AGE_BANDS = [
  ['<1h', HOUR_MS],
  ['1h-4h', 4 * HOUR_MS],
  ['4h-24h', 24 * HOUR_MS],
  ['1d-3d', 72 * HOUR_MS],
  ['>3d', Number.POSITIVE_INFINITY],
] as const;

export type AgeBand = (typeof AGE_BANDS)[number][0];

/** The band of an open ticket this old. */
export const ageBandOf = (ageMs: number): AgeBand => AGE_BANDS.find(([, below]) => ageMs < below)![0];

/** Every band, youngest first. */
export const ageBands: readonly AgeBand[] = AGE_BANDS.map(([band]) => band);

/**
 * Open tickets at one moment: routed tickets not resolved or closed (see `TicketMeasures.open`),
 * whether or not the helpdesk reported on them yet, by the queue and priority their reports set
 * last and by age. The only measured figure that depends on the time it is asked at, through age.
 */
export interface Backlog {
  open: number;
  byQueue: Share[];
  byPriority: Share<Priority>[];
  byAge: Share<AgeBand>[];
}

const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4'];

export interface OpenTicket {
  queue: string;
  priority: Priority;
  age: AgeBand;
}

/** Each open ticket's place in the backlog at `now`. */
export const openTickets = (records: Iterable<TicketRecord>, now: number): OpenTicket[] => {
  const open: OpenTicket[] = [];
  for (const record of records) {
    const m = measuresOf(record);
    if (!m?.open) continue;
    const age = now - record.routed!.receivedAt;
    open.push({ queue: m.queue, priority: m.priority, age: ageBandOf(age) });
  }
  return open;
};

export const backlogOf = (records: Iterable<TicketRecord>, now: number): Backlog => {
  const open = openTickets(records, now);
  const priorities = tally(open.map((t) => t.priority));
  const bands = tally(open.map((t) => t.age));
  return {
    open: open.length,
    byQueue: shares(tally(open.map((t) => t.queue)), open.length).sort(byCountThenKey),
    byPriority: shares(
      PRIORITIES.map((p) => [p, priorities.get(p) ?? 0] as const),
      open.length,
    ),
    byAge: shares(
      AGE_BANDS.map(([band]) => [band, bands.get(band) ?? 0] as const),
      open.length,
    ),
  };
};
