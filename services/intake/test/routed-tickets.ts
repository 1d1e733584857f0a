import { randomUUID } from 'node:crypto';
import { pipelineStages, type PipelineStage, type Priority } from '@triage/contracts';
import { routedEvent } from '@triage/metrics/testing';
import type { Store } from '@triage/store';

export interface TicketFacts {
  tenantId?: string;
  priority?: Priority;
  tier?: 0 | 1 | 2 | 3;
  majorIncident?: boolean;
  /** The last stage recorded for it (`received`: none); `route` unless said. */
  upTo?: PipelineStage | 'received';
}

/**
 * Stores a ticket and records its stages up to `upTo` as the pipeline would, one transaction each;
 * returns its routed event (what the handoff composer publishes once it is routed).
 */
export const recordTicket = async (store: Store, facts: TicketFacts = {}) => {
  const tenantId = facts.tenantId ?? 'acme';
  const event = routedEvent({ ticketId: randomUUID(), tenantId, receivedAt: Date.now(), priority: facts.priority, tier: facts.tier });
  const { ticket, categorization, retrieval, escalation, packet } = event.payload;
  await store.tickets.create(ticket, []);
  const outputs = {
    categorize: categorization,
    retrieve: retrieval,
    assess: { ...escalation, majorIncident: facts.majorIncident ?? false },
    route: packet,
  };
  const upTo = facts.upTo ?? 'route';
  for (const stage of upTo === 'received' ? [] : pipelineStages.slice(0, pipelineStages.indexOf(upTo) + 1)) {
    await store.tickets.recordStages(tenantId, stage, [{ ticketId: ticket.id, output: outputs[stage], source: `test/0/${stage}` }]);
  }
  return event;
};
