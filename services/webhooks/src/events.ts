import { type EventOf, Topics } from '@triage/contracts';
import type { WebhookEvent } from '@triage/store';
import type { WebhookEventType } from '@triage/webhook-policy';

/** The topics a webhook can come from. */
export const webhookTopics = [
  Topics.ticketsRouted,
  Topics.incidentsMajor,
  Topics.ticketsEscalated,
  Topics.ticketsLifecycleApplied,
] as const;
export type WebhookTopic = (typeof webhookTopics)[number];

const lifecycleTypes: Partial<Record<string, WebhookEventType>> = {
  resolved: 'ticket.resolved',
  reopened: 'ticket.reopened',
  closed: 'ticket.closed',
};

/** What a receiver is told the event is; undefined for events no endpoint can subscribe to. */
const typeOf = <T extends WebhookTopic>(topic: T, event: EventOf<T>): WebhookEventType | undefined => {
  switch (topic) {
    case Topics.ticketsRouted:
      return 'ticket.routed';
    case Topics.incidentsMajor:
      return 'incident.major';
    case Topics.ticketsEscalated:
      return (event as EventOf<typeof Topics.ticketsEscalated>).payload.reason === 'sla_breached' ? 'sla.breached' : 'ticket.escalated';
    default:
      return lifecycleTypes[(event as EventOf<typeof Topics.ticketsLifecycleApplied>).payload.report.type];
  }
};

/**
 * The webhook of a pipeline event, in the Standard Webhooks body shape (type, timestamp, data).
 * Its id is the event's: stable across Kafka redeliveries, and the receiver's key for duplicates.
 */
export const webhookEventOf = <T extends WebhookTopic>(topic: T, event: EventOf<T>): WebhookEvent | undefined => {
  const type = typeOf(topic, event);
  if (!type) return undefined;
  return {
    tenantId: event.tenantId,
    id: event.id,
    type,
    ticketId: event.key,
    body: JSON.stringify({ id: event.id, type, timestamp: event.occurredAt, tenantId: event.tenantId, data: event.payload }),
  };
};
