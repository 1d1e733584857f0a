import { businessMinutesBetween } from '@triage/business-time';
import type { LifecycleReport, LifecycleReportType } from '@triage/contracts';
import type { RoutedFacts } from './ticket-record.ts';

const MINUTE_MS = 60_000;

/** Reports that end a wait on the customer, as the lifecycle's state machine has them. */
const ENDS_WAIT = new Set<LifecycleReportType>(['customer_replied', 'resumed', 'escalated', 'escalation_returned', 'resolved', 'closed']);

/** The spans [from, to) the ticket waited on the customer; the last one open-ended while it still waits. */
export const waitsOf = (timeline: readonly LifecycleReport[]): [number, number][] => {
  const waits: [number, number][] = [];
  let since: number | undefined;
  for (const report of timeline) {
    const at = Date.parse(report.occurredAt);
    if (report.type === 'pending_customer') since ??= at;
    else if (since !== undefined && ENDS_WAIT.has(report.type)) {
      waits.push([since, at]);
      since = undefined;
    }
  }
  if (since !== undefined) waits.push([since, Number.POSITIVE_INFINITY]);
  return waits;
};

/** How long something took from the ticket's receipt, on both clocks, in milliseconds. */
export interface Elapsed {
  /** Plain elapsed time. */
  wallMs: number;
  /**
   * The SLA's clock: the open hours of the desk's calendar for the customer's tier, without the
   * time the ticket waited on the customer (the SLA watch pauses its deadlines then too). Equal to
   * wall time for a 24x7 desk that never waited.
   */
  businessMs: number;
}

export const elapsed = (routed: RoutedFacts, waits: readonly [number, number][], at: number): Elapsed => {
  const open = (from: number, to: number) =>
    to > from ? businessMinutesBetween(routed.calendar, new Date(from), new Date(to)) * MINUTE_MS : 0;
  const waited = waits.reduce((sum, [from, to]) => sum + open(Math.max(from, routed.receivedAt), Math.min(to, at)), 0);
  return { wallMs: at - routed.receivedAt, businessMs: open(routed.receivedAt, at) - waited };
};
