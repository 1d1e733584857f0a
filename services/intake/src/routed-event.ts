import { z } from 'zod';
import { createEvent, Escalation, Topics, type Categorization, type EventOf, type HandoffPacket, type Retrieval } from '@triage/contracts';
import { nameBasedUuid } from '@triage/runtime';
import type { RoutedTicket } from '@triage/store';

export type StreamTopic = typeof Topics.ticketsRouted | typeof Topics.incidentsMajor;

// The escalator records its text analysis with the escalation; it stops at the handoff composer.
const RecordedEscalation = z.object(Escalation.shape);

/**
 * The event the handoff composer published for a routed ticket, rebuilt from its recorded
 * decisions: same id, tenant, key and payload. Its time is when the route was recorded, and it
 * has no trace context (the store keeps none).
 */
export const routedEventOf = (topic: StreamTopic, { ticket, stages, routedAt }: RoutedTicket): EventOf<StreamTopic> | undefined => {
  const escalation = RecordedEscalation.parse(stages.assess);
  if (topic === Topics.incidentsMajor && !escalation.majorIncident) return undefined;
  return createEvent(topic, {
    // The stage's stable event ids (`followUp`): a helpdesk that also reads Kafka sees one event.
    id: nameBasedUuid(`${ticket.id}:${topic === Topics.ticketsRouted ? 'route' : 'major'}`),
    tenantId: ticket.tenantId,
    key: ticket.id,
    occurredAt: routedAt,
    payload: {
      ticket,
      categorization: stages.categorize as Categorization,
      retrieval: stages.retrieve as Retrieval,
      escalation,
      queue: escalation.queue,
      packet: stages.route as HandoffPacket,
    },
  });
};
