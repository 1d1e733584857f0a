import { createEvent, type EscalationTarget, type SlaEscalationReason, Topics } from '@triage/contracts';
import { nameBasedUuid } from '@triage/runtime';
import type { OutgoingEvent, SlaDeadline } from '@triage/store';

/** One level up the hierarchy per step: the queue's lead at risk, the support manager above at the breach. */
const targetOf = (reason: SlaEscalationReason, queue: string): EscalationTarget =>
  reason === 'sla_at_risk' ? { level: 1, role: 'queue_lead', queue } : { level: 2, role: 'support_manager', queue };

/**
 * The tickets.escalated event of a deadline's step. Its id is derived from what it is about, so a
 * relay that publishes it again after a crash sends the same id, and readers drop the repeat.
 */
export const escalationEvent = (deadline: SlaDeadline, reason: SlaEscalationReason, minutesLeft: number, at: Date): OutgoingEvent => ({
  topic: Topics.ticketsEscalated,
  event: createEvent(Topics.ticketsEscalated, {
    id: nameBasedUuid(`${deadline.tenantId}\u0000${deadline.ticketId}:sla:${deadline.kind}:${deadline.window}:${reason}`),
    tenantId: deadline.tenantId,
    key: deadline.ticketId,
    occurredAt: at.toISOString(),
    payload: {
      ticketId: deadline.ticketId,
      reason,
      deadline: deadline.kind,
      window: deadline.window,
      priority: deadline.priority,
      customerTier: deadline.customerTier,
      dueAt: deadline.dueAt,
      minutesLeft,
      escalateTo: targetOf(reason, deadline.queue),
    },
  }),
});
