import type { Calendar } from '@triage/business-time';
import type { Escalation, LifecycleReport } from '@triage/contracts';
import { measureTicket, type TicketMeasures } from './ticket-measures.ts';
import { factsOf } from './ticket-record.ts';

/**
 * The measures of a ticket read back from the store (its receipt, the escalator's decision and its
 * timeline), by the projection's own definitions, so a period's trends and the live figures agree.
 */
export const measureStoredTicket = (
  receivedAt: string,
  escalation: Pick<Escalation, 'tier' | 'queue' | 'priority' | 'sla'>,
  timeline: readonly LifecycleReport[],
  calendar: Calendar,
): TicketMeasures => measureTicket(factsOf(receivedAt, escalation, calendar), { reports: new Map(timeline.map((r) => [r.id, r])) });
