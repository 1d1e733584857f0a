import { z } from 'zod';
import { Priority } from './decisions.ts';
import { CustomerTier } from './ticket.ts';

/** The two clocks of a routed ticket's SLA. */
export const SlaDeadlineKind = z.enum(['first_response', 'resolution']);

/** At risk: a configured share of the window has gone by; breached: the deadline has passed. */
export const SlaEscalationReason = z.enum(['sla_at_risk', 'sla_breached']);

/**
 * Who is called, one level up the hierarchy per step: the queue's lead when a deadline is at risk,
 * the support manager above the lead when it breaks. Roles, not people: the helpdesk knows who holds them.
 */
export const EscalationTarget = z.strictObject({
  level: z.number().int().min(1).max(2),
  role: z.enum(['queue_lead', 'support_manager']),
  queue: z.string().min(1),
});

export const TicketEscalated = z.strictObject({
  ticketId: z.string().min(1),
  reason: SlaEscalationReason,
  deadline: SlaDeadlineKind,
  /** Which window of this deadline: 1, then one more each time a resolved ticket is reopened. */
  window: z.number().int().min(1),
  priority: Priority,
  customerTier: CustomerTier,
  dueAt: z.iso.datetime(),
  /** Business minutes left before the deadline (0 once breached), in the tenant's calendar for the tier. */
  minutesLeft: z.number().min(0),
  escalateTo: EscalationTarget,
});

export type SlaDeadlineKind = z.infer<typeof SlaDeadlineKind>;
export type SlaEscalationReason = z.infer<typeof SlaEscalationReason>;
export type EscalationTarget = z.infer<typeof EscalationTarget>;
export type TicketEscalated = z.infer<typeof TicketEscalated>;
