import type { CustomerTier, Priority, Reason, SlaDeadlines, Ticket } from '@triage/contracts';
import type { EscalationPolicy } from './policy.ts';

const TIER_RANK: Record<CustomerTier, number> = { free: 0, pro: 1, enterprise: 2 };
const MINUTE_MS = 60_000;

/** The SLA table a ticket runs on: its customer's tier, or the VIP tier when that is faster. */
export const slaTierOf = (ticket: Ticket, policy: EscalationPolicy): CustomerTier => {
  const own = ticket.customer.tier;
  const vipTier = policy.vip.slaTier;
  return ticket.customer.vip && TIER_RANK[vipTier] > TIER_RANK[own] ? vipTier : own;
};

/** Deadlines run on the wall clock from when the ticket was received. */
export const slaFor = (ticket: Ticket, priority: Priority, policy: EscalationPolicy): { sla: SlaDeadlines; reason: Reason } => {
  const tier = slaTierOf(ticket, policy);
  const target = policy.sla[tier][priority];
  const received = Date.parse(ticket.receivedAt);
  const upgraded = tier !== ticket.customer.tier ? ` (VIP upgrade from ${ticket.customer.tier})` : '';
  return {
    sla: {
      firstResponseDueAt: new Date(received + target.firstResponseMinutes * MINUTE_MS).toISOString(),
      resolutionDueAt: new Date(received + target.resolutionMinutes * MINUTE_MS).toISOString(),
    },
    reason: {
      code: `sla-tier-${tier}`,
      detail: `${priority}: first response ${target.firstResponseMinutes} min, resolution ${target.resolutionMinutes} min${upgraded}`,
    },
  };
};
