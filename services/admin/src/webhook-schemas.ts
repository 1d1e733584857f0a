import { WebhookEventType } from '@triage/webhook-policy';
import { z } from 'zod';

export const CreateWebhook = z
  .strictObject({
    url: z.url().max(2_000).describe('Where deliveries are POSTed: https, to a public address, unless the operator allows otherwise'),
    events: z.array(WebhookEventType).min(1).max(WebhookEventType.options.length).describe('The event types to send it'),
  })
  .meta({ example: { url: 'https://hooks.acme.example/triage', events: ['ticket.routed', 'incident.major'] } });

export const WebhookParams = z.object({ id: z.uuid().meta({ example: '5b1f4c1e-8d7a-4d0e-9f43-0c2b7a1e9d55' }) });

export const Webhook = z.object({
  id: z.uuid(),
  tenantId: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
});

export const CreatedWebhook = Webhook.extend({
  secret: z.string().meta({
    description: 'The signing secret (Standard Webhooks, `whsec_…`): shown this once. Receivers verify webhook-signature with it.',
  }),
});

export const WebhookList = z.object({ webhooks: z.array(Webhook) });

export const DeadQuery = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(100) });

export const DeadList = z.object({
  deliveries: z.array(
    z.object({
      id: z.string().meta({ description: 'The delivery, to replay it alone' }),
      eventId: z.string(),
      eventType: z.string(),
      ticketId: z.string(),
      attempts: z.number().int(),
      reason: z.string().meta({ description: "The last attempt's HTTP status or error" }),
      createdAt: z.iso.datetime(),
      diedAt: z.iso.datetime(),
    }),
  ),
});

export const Replay = z.strictObject({
  deliveryId: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .meta({ description: 'One dead delivery; without it, every dead delivery of the endpoint' }),
});

export const Replayed = z.object({ replayed: z.number().int() });
