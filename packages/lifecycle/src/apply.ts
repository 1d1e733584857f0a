import { type Categorization, createEvent, type LifecycleReport, type LifecycleState, Topics, ticketText } from '@triage/contracts';
import { traceparentFor } from '@triage/metrics';
import { nameBasedUuid } from '@triage/runtime';
import {
  type LabeledExample,
  type LifecycleTicket,
  type LifecycleWrite,
  ReportIdTaken,
  type Store,
  type StoredTicket,
  type TicketOutcome,
} from '@triage/store';
import type { Standing } from './state-machine.ts';
import { type Arrived, type Change, type Decision, decide, foldTimeline, type ReportResult } from './timeline.ts';
import { lifecycleOf } from './view.ts';

export type ApplyResult =
  | { status: 'accepted'; results: ReportResult[]; state: LifecycleState }
  | { status: 'refused'; reportId: string; reason: string; state: LifecycleState }
  | { status: 'unknown_ticket' };

/** Why a request, or a report on its own, was not applied. */
export type Refusal = Exclude<ApplyResult, { status: 'accepted' }>;

export interface ApplyOptions {
  /** The trace the reports came with, continued by the events they cause. */
  traceparent?: string | undefined;
}

const appliedEvent = (tenantId: string, ticketId: string, change: Change, options: ApplyOptions) => ({
  topic: Topics.ticketsLifecycleApplied,
  event: createEvent(Topics.ticketsLifecycleApplied, {
    // Stable per report, so a reader recognises the outbox relay publishing it again after a crash.
    id: nameBasedUuid(`${tenantId}:${ticketId}:lifecycle:${change.report.id}`),
    tenantId,
    key: ticketId,
    occurredAt: new Date(change.report.occurredAt).toISOString(),
    traceparent: traceparentFor({ traceparent: options.traceparent }),
    payload: { ticketId, ...change },
  }),
});

/**
 * A category an agent set that differs from the categorizer's becomes a labeled example, as a
 * correction does; once per category and ticket, however many reports repeat it.
 */
const correctionExamples = (stored: StoredTicket, earlier: LifecycleReport[], changes: Change[]): LabeledExample[] => {
  const predicted = (stored.stages.categorize as Categorization | undefined)?.category;
  const labeled = new Set([predicted, ...earlier.map((r) => r.category)]);
  const examples: LabeledExample[] = [];
  for (const { report } of changes) {
    if (report.category === undefined || labeled.has(report.category)) continue;
    labeled.add(report.category);
    examples.push({ text: ticketText(stored.ticket), category: report.category, source: 'correction', ticketId: stored.ticket.id });
  }
  return examples;
};

const outcomeOf = ({ category, priority, tier }: Standing): TicketOutcome | undefined =>
  category === undefined && priority === undefined && tier === undefined ? undefined : { category, priority, tier };

type Writes = Omit<LifecycleWrite<never>, 'outcomes' | 'result'> & { outcomes: Map<string, TicketOutcome> };

const noWrites = (): Writes => ({ reports: [], events: [], examples: [], outcomes: new Map() });

const refusalOf = ({ reportId, reason, state }: Extract<Decision, { accepted: false }>): Refusal => ({
  status: 'refused',
  reportId,
  reason,
  state,
});

/**
 * One ticket's timeline as a transaction's decisions grow it: each request is decided against the
 * reports stored and those taken before it in the transaction, and what an accepted one changes
 * (its reports, their events, examples, the ticket's outcome) is added to `writes`.
 */
const ticketTimeline = (tenantId: string, ticketId: string, { stored, timeline }: LifecycleTicket, writes: Writes) => {
  let entries: Arrived[] = timeline;
  return {
    take(reports: readonly LifecycleReport[], options: ApplyOptions): Decision {
      const decision = decide(entries, reports);
      if (!decision.accepted || decision.changes.length === 0) return decision;
      const { changes } = decision;
      writes.reports.push(...changes.map(({ report }) => ({ ticketId, report })));
      writes.events.push(...changes.map((c) => appliedEvent(tenantId, ticketId, c, options)));
      writes.examples.push(
        ...correctionExamples(
          stored,
          entries.map((e) => e.report),
          changes,
        ),
      );
      const outcome = outcomeOf(decision.standing);
      if (outcome) writes.outcomes.set(ticketId, outcome);
      entries = decision.timeline;
      return decision;
    },
    /** The ticket's state after the reports taken so far. */
    state: (): LifecycleState => foldTimeline(entries).standing.state,
  };
};

/**
 * Applies a helpdesk's reports to a ticket's timeline, all or none, in one transaction with the
 * events announcing them (outbox), the labeled examples and the outcome they settle. HTTP comes
 * through here, and the `tickets.lifecycle` worker through `applyEach`, which decides alike.
 */
export const applyReports = async (
  store: Store,
  tenantId: string,
  ticketId: string,
  reports: readonly LifecycleReport[],
  options: ApplyOptions = {},
): Promise<ApplyResult> => {
  try {
    return await store.lifecycle.apply(tenantId, [ticketId], (tickets): LifecycleWrite<ApplyResult> => {
      const writes = noWrites();
      const ticket = tickets.get(ticketId);
      if (!ticket) return { ...writes, result: { status: 'unknown_ticket' } };
      const decision = ticketTimeline(tenantId, ticketId, ticket, writes).take(reports, options);
      if (!decision.accepted) return { ...writes, result: refusalOf(decision) };
      return { ...writes, result: { status: 'accepted', results: decision.results, state: decision.standing.state } };
    });
  } catch (err) {
    if (!(err instanceof ReportIdTaken)) throw err;
    const { state } = lifecycleOf(await store.lifecycle.timeline(tenantId, ticketId));
    return { status: 'refused', reportId: err.reportId, reason: err.message, state };
  }
};

/** A report as it came on `tickets.lifecycle`: for one ticket, with the trace it came with. */
export interface Delivered {
  ticketId: string;
  report: LifecycleReport;
  traceparent?: string | undefined;
}

/**
 * Applies a tenant's reports each on its own, in one transaction: in the order given, each is a
 * request of one against its ticket's timeline grown by the reports before it, as if they came one
 * transaction after another. What cannot apply is refused alone and returned, by its index in
 * `delivered`; the rest is written. A report whose id another ticket holds is found only by the
 * write, which then rolls back: it is refused, and the others decided again without it.
 */
export const applyEach = async (store: Store, tenantId: string, delivered: readonly Delivered[]): Promise<Map<number, Refusal>> => {
  const taken = new Map<number, ReportIdTaken>();
  for (;;) {
    // Which delivery each written report is, to name the one the store finds taken.
    const sources = new Map<string, number>();
    try {
      return await store.lifecycle.apply(
        tenantId,
        delivered.map((d) => d.ticketId),
        (tickets): LifecycleWrite<Map<number, Refusal>> => {
          const writes = noWrites();
          const timelines = new Map<string, ReturnType<typeof ticketTimeline>>();
          const refusals = new Map<number, Refusal>();
          for (const [i, { ticketId, report, traceparent }] of delivered.entries()) {
            const ticket = tickets.get(ticketId);
            if (!ticket) {
              refusals.set(i, { status: 'unknown_ticket' });
              continue;
            }
            const timeline = timelines.get(ticketId) ?? ticketTimeline(tenantId, ticketId, ticket, writes);
            timelines.set(ticketId, timeline);
            const lost = taken.get(i);
            if (lost) {
              refusals.set(i, { status: 'refused', reportId: report.id, reason: lost.message, state: timeline.state() });
              continue;
            }
            const decision = timeline.take([report], { traceparent });
            if (!decision.accepted) refusals.set(i, refusalOf(decision));
            else if (decision.changes.length) sources.set(JSON.stringify([ticketId, report.id]), i);
          }
          return { ...writes, result: refusals };
        },
      );
    } catch (err) {
      if (!(err instanceof ReportIdTaken)) throw err;
      const i = sources.get(JSON.stringify([err.ticketId, err.reportId]));
      if (i === undefined) throw err;
      taken.set(i, err);
    }
  }
};
