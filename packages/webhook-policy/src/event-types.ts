import { z } from 'zod';

/**
 * The events a tenant's endpoint may subscribe to, named as receivers see them in `type`. The
 * webhooks service maps topics onto these; the admin API refuses any other name.
 */
export const WebhookEventType = z.enum([
  'ticket.routed',
  'incident.major',
  'ticket.escalated',
  'sla.breached',
  'ticket.resolved',
  'ticket.reopened',
  'ticket.closed',
]);

export type WebhookEventType = z.infer<typeof WebhookEventType>;
