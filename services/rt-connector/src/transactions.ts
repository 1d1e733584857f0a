import type { LifecycleReport } from '@triage/contracts';
import type { RtTicket } from '@triage/store';

/** An RT ticket transaction as REST 2 lists it with the fields the connector asks for. */
export interface RtTransaction {
  id: string;
  Type: string;
  Field?: string;
  OldValue?: string;
  NewValue?: string;
  Created: string;
  Creator?: { id: string };
  ObjectId: string;
}

/** Names of the RT users and queues a transaction refers to by id. */
export interface RtNames {
  user(id: string): Promise<string>;
  queue(id: string): Promise<string>;
}

// RT's built-in user that owns unowned tickets.
const NOBODY = 'Nobody';

/**
 * What one RT transaction on a Triage ticket reports, if anything. Its id is `rt-<transaction id>`,
 * so a transaction read twice is applied once. `ticket` reflects the transactions before this one
 * (first response given or not).
 */
export const reportOf = async (t: RtTransaction, ticket: RtTicket, names: RtNames): Promise<LifecycleReport | undefined> => {
  const base = { id: `rt-${t.id}`, occurredAt: t.Created.replace(' ', 'T').replace(/Z?$/, 'Z') };
  const by = t.Creator?.id;
  if (t.Type === 'Correspond') {
    if (by !== undefined && by === ticket.requester) return { ...base, type: 'customer_replied' };
    return ticket.firstResponded ? undefined : { ...base, type: 'first_response', ...(by ? { agent: by } : {}) };
  }
  if (t.Type === 'Set' && t.Field === 'Owner') {
    const agent = await names.user(t.NewValue ?? '');
    if (agent === NOBODY) return undefined;
    return { ...base, type: 'assigned', queue: ticket.queue, tier: ticket.tier, agent };
  }
  if (t.Type === 'Set' && t.Field === 'Queue') {
    return {
      ...base,
      type: 'escalated',
      to: { team: await names.queue(t.NewValue ?? '') },
      direction: 'functional',
      by: by ?? 'RT',
    };
  }
  if (t.Type === 'Status') return statusReport(base, t.OldValue ?? '', t.NewValue ?? '', ticket, by);
  return undefined;
};

const statusReport = (
  base: { id: string; occurredAt: string },
  from: string,
  to: string,
  ticket: RtTicket,
  by: string | undefined,
): LifecycleReport | undefined => {
  if (to === 'resolved') return { ...base, type: 'resolved', notes: '', resolvingTier: ticket.tier, ...(by ? { agent: by } : {}) };
  if (to === 'stalled') return { ...base, type: 'pending_customer' };
  if (from === 'resolved' && (to === 'open' || to === 'new')) return { ...base, type: 'reopened' };
  if (from === 'stalled' && to === 'open') return { ...base, type: 'resumed' };
  // new → open is RT noting the first reply (reported by the correspondence itself); rejected and
  // deleted have no Triage counterpart.
  return undefined;
};
