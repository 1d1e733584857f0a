import type { Priority, TicketRouted } from '@triage/contracts';
import { RtFields } from './custom-fields.ts';
import { guessLanguage } from './language.ts';

/** RT 5's own names for 100, 50 and 0 are High, Medium and Low; P2 and P4 sit between them. */
export const RT_PRIORITY: Record<Priority, number> = { P1: 100, P2: 75, P3: 50, P4: 25 };

/** What finds the RT ticket of a Triage ticket: ticket ids are unique per tenant only. */
export const triageMarker = (tenantId: string, ticketId: string): string => `${tenantId}/${ticketId}`;

/** The fields Triage decides: set on create, and again when the routed ticket comes a second time. */
export const decidedFields = (routed: TicketRouted) => ({
  Priority: RT_PRIORITY[routed.escalation.priority],
  CustomFields: {
    [RtFields.category]: routed.categorization.category,
    [RtFields.kind]: routed.categorization.kind,
    [RtFields.tier]: String(routed.escalation.tier),
    [RtFields.confidence]: routed.categorization.confidence.toFixed(2),
    [RtFields.language]: guessLanguage(`${routed.ticket.subject}\n${routed.ticket.body}`),
  },
});

export const newRtTicket = (routed: TicketRouted, rtQueue: string) => {
  const decided = decidedFields(routed);
  return {
    Queue: rtQueue,
    Subject: routed.ticket.subject,
    Content: routed.ticket.body,
    ContentType: 'text/plain',
    ...(routed.ticket.customer.email ? { Requestor: routed.ticket.customer.email } : {}),
    Priority: decided.Priority,
    CustomFields: { ...decided.CustomFields, [RtFields.triageTicketId]: triageMarker(routed.ticket.tenantId, routed.ticket.id) },
  };
};
