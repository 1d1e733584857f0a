import type { Calendar } from '@triage/business-time';
import type { Escalation, EventOf, LifecycleReport, Priority, Topics } from '@triage/contracts';
import type { TicketMeasures } from './ticket-measures.ts';

/** What the routed event says of a ticket that the measured metrics compare the helpdesk's reports with. */
export interface RoutedFacts {
  receivedAt: number;
  tier: 0 | 1 | 2 | 3;
  queue: string;
  priority: Priority;
  /** The desk's clock for the customer's tier: where business time is counted. */
  calendar: Calendar;
  /** The SLA windows the escalator set, as wall milliseconds from receipt; the SLA runs them on `calendar`. */
  firstResponseWindowMs: number;
  resolutionWindowMs: number;
  firstResponseDueAt: number;
}

/**
 * One ticket as the projection knows it: its routing, once that event has arrived, and every
 * lifecycle report applied to it, by report id. The routed event and the reports come on topics
 * with no order between them, so either may come first.
 */
export interface TicketRecord {
  routed?: RoutedFacts;
  reports: Map<string, LifecycleReport>;
  /** Measures of the record as it stands, dropped whenever it changes. */
  measures?: TicketMeasures | undefined;
}

export const routedFacts = (event: EventOf<typeof Topics.ticketsRouted>, calendar: Calendar): RoutedFacts => {
  const { ticket, escalation, queue } = event.payload;
  return factsOf(ticket.receivedAt, { ...escalation, queue }, calendar);
};

/** The facts of a ticket received at `receivedAtIso` and routed as `escalation` says. */
export const factsOf = (
  receivedAtIso: string,
  escalation: Pick<Escalation, 'tier' | 'queue' | 'priority' | 'sla'>,
  calendar: Calendar,
): RoutedFacts => {
  const receivedAt = Date.parse(receivedAtIso);
  const firstResponseDueAt = Date.parse(escalation.sla.firstResponseDueAt);
  return {
    receivedAt,
    tier: escalation.tier as 0 | 1 | 2 | 3,
    queue: escalation.queue,
    priority: escalation.priority,
    calendar,
    firstResponseWindowMs: firstResponseDueAt - receivedAt,
    resolutionWindowMs: Date.parse(escalation.sla.resolutionDueAt) - receivedAt,
    firstResponseDueAt,
  };
};

const time = (report: LifecycleReport) => Date.parse(report.occurredAt);

/**
 * The reports in the order they happened; reports that happened at once keep their order of
 * arrival, which is the lifecycle's own tie-break (the applied changes of a ticket share a partition).
 */
export const timelineOf = (record: TicketRecord): LifecycleReport[] => [...record.reports.values()].sort((a, b) => time(a) - time(b));
