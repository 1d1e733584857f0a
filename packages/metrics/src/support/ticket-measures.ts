import type { LifecycleReport, Priority } from '@triage/contracts';
import { type Elapsed, elapsed, waitsOf } from './clocks.ts';
import { type RoutedFacts, type TicketRecord, timelineOf } from './ticket-record.ts';

/** A reopen this soon after the first resolution means the ticket was not solved at first contact. */
export const FCR_REOPEN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * What one routed ticket's timeline measures. Every field is a function of the routed event and
 * the set of reports, placed by their occurredAt: the same whatever order they arrived in, and
 * the same when the topics are replayed.
 */
export interface TicketMeasures {
  /** The helpdesk reported on it at all: only such tickets count in the measured rates. */
  reported: boolean;
  /**
   * Until the first response: the first `first_response` report, or the first resolution when
   * that came before any (a resolution answers the customer too, as the SLA watch counts it).
   */
  firstResponse?: Elapsed & { met: boolean };
  /** Until the first `resolved` report; a reopen does not move it (the reopen rate counts those). */
  resolution?: Elapsed & { met: boolean };
  /**
   * Resolved at first contact: the first resolution came from the tier the ticket was routed to,
   * with no escalation before it, no reassignment before it (its `assigned` reports all name one
   * queue and the routed tier), and no reopen within 7 days of it. Set once the ticket is resolved;
   * a reopen reported within those 7 days still takes it back.
   */
  firstContactResolution?: boolean;
  /** At least one `escalated` report. */
  escalated: boolean;
  /** Escalations sent back to the sender (`escalation_returned` reports). */
  returns: number;
  /** The packet fields every `escalation_returned` report named, one entry per report and field. */
  missingFields: string[];
  /** At least one `reopened` report. */
  reopened: boolean;
  /** The customer's satisfaction from the `closed` report, when given. */
  csat?: number;
  /** Not resolved or closed: the last resolution, closing or reopen it had, if any, was a reopen. */
  open: boolean;
  /** The queue of its last `assigned` report, else the routed one. */
  queue: string;
  /** The priority an agent set last, else the routed one. */
  priority: Priority;
}

const lastOf = <T>(timeline: readonly LifecycleReport[], pick: (r: LifecycleReport) => T | undefined): T | undefined =>
  timeline.map(pick).findLast((v) => v !== undefined);

/** Reassigned before `until`: its assignments name more than one queue, or a tier other than the routed one. */
const reassigned = (routed: RoutedFacts, before: readonly LifecycleReport[]) => {
  const assignments = before.filter((r) => r.type === 'assigned');
  return new Set(assignments.map((a) => a.queue)).size > 1 || assignments.some((a) => a.tier !== routed.tier);
};

export const measureTicket = (routed: RoutedFacts, record: TicketRecord): TicketMeasures => {
  const timeline = timelineOf(record);
  const waits = waitsOf(timeline);
  const at = (r: LifecycleReport) => Date.parse(r.occurredAt);
  const answer = timeline.find((r) => r.type === 'first_response' || r.type === 'resolved');
  const resolvedAt = timeline.findIndex((r) => r.type === 'resolved');
  const resolution = timeline[resolvedAt];
  const returns = timeline.filter((r) => r.type === 'escalation_returned');
  const settling = lastOf(timeline, (r) => (r.type === 'resolved' || r.type === 'closed' || r.type === 'reopened' ? r.type : undefined));
  const measures: TicketMeasures = {
    reported: timeline.length > 0,
    escalated: timeline.some((r) => r.type === 'escalated'),
    returns: returns.length,
    missingFields: returns.flatMap((r) => r.missingFields),
    reopened: timeline.some((r) => r.type === 'reopened'),
    open: settling === undefined || settling === 'reopened',
    queue: lastOf(timeline, (r) => (r.type === 'assigned' ? r.queue : undefined)) ?? routed.queue,
    priority: lastOf(timeline, (r) => r.priority) ?? routed.priority,
  };
  const csat = lastOf(timeline, (r) => (r.type === 'closed' ? r.csat : undefined));
  if (csat !== undefined) measures.csat = csat;
  if (answer) {
    const took = elapsed(routed, waits, at(answer));
    measures.firstResponse = { ...took, met: took.businessMs <= routed.firstResponseWindowMs };
  }
  if (resolution?.type === 'resolved') {
    const took = elapsed(routed, waits, at(resolution));
    measures.resolution = { ...took, met: took.businessMs <= routed.resolutionWindowMs };
    const before = timeline.slice(0, resolvedAt);
    measures.firstContactResolution =
      resolution.resolvingTier === routed.tier &&
      !before.some((r) => r.type === 'escalated') &&
      !reassigned(routed, before) &&
      !timeline.some((r) => r.type === 'reopened' && at(r) - at(resolution) <= FCR_REOPEN_WINDOW_MS);
  }
  return measures;
};

/** The record's measures, computed once per change; none until its routed event has arrived. */
export const measuresOf = (record: TicketRecord): TicketMeasures | undefined => {
  if (!record.routed) return undefined;
  record.measures ??= measureTicket(record.routed, record);
  return record.measures;
};
