import { randomBytes } from 'node:crypto';
import { createEvent, type EventOf, Topics } from '@triage/contracts';

export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** An SLA escalation of one ticket: small, and of two webhook types (ticket.escalated at risk, sla.breached). */
export const escalation = (
  tenantId: string,
  ticketId: string,
  reason: 'sla_at_risk' | 'sla_breached' = 'sla_at_risk',
  window = 1,
): EventOf<typeof Topics.ticketsEscalated> =>
  createEvent(Topics.ticketsEscalated, {
    tenantId,
    key: ticketId,
    payload: {
      ticketId,
      reason,
      deadline: 'resolution',
      window,
      priority: 'P2',
      customerTier: 'pro',
      dueAt: new Date(Date.now() + 60_000).toISOString(),
      minutesLeft: reason === 'sla_breached' ? 0 : 10,
      escalateTo: {
        level: reason === 'sla_breached' ? 2 : 1,
        role: reason === 'sla_breached' ? 'support_manager' : 'queue_lead',
        queue: 'billing',
      },
    },
  });
