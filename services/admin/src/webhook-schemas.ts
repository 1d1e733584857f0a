import { WebhookEventType } from '@triage/webhook-policy';
import { z } from 'zod';

export const CreateWebhook = z
  .strictObject({
    url: z.url().max(2_000).describe('Where deliveries are POSTed: https, to a public address, unless the operator allows otherwise'),
    events: z.array(WebhookEventType).min(1).max(WebhookEventType.options.length).describe('The event types to send it'),
  })
  .meta({ example: { url: 'https://hooks.acme.example/triage', events: ['ticket.routed', 'incident.major'] } });

export const WebhookParams = z.object({ id: z.uuid().meta({ example: '5b1f4c1e-8d7a-4d0e-9f43-0c2b7a1e9d55' }) });

const webhookExample = {
  id: '5b1f4c1e-8d7a-4d0e-9f43-0c2b7a1e9d55',
  tenantId: 'acme',
  url: 'https://hooks.acme.example/triage',
  events: ['ticket.routed', 'incident.major'],
  enabled: true,
  createdAt: '2025-03-04T09:12:03.120Z',
};

export const Webhook = z
  .object({
    id: z.uuid(),
    tenantId: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ example: webhookExample });

export const CreatedWebhook = Webhook.extend({
  secret: z.string().meta({
    description: 'The signing secret (Standard Webhooks, `whsec_…`): shown this once. Receivers verify webhook-signature with it.',
  }),
}).meta({ example: { ...webhookExample, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } });

export const WebhookList = z.object({ webhooks: z.array(Webhook) }).meta({ example: { webhooks: [webhookExample] } });

export const DeadQuery = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(100) });

export const DeadList = z
  .object({
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
  })
  .meta({
    example: {
      deliveries: [
        {
          id: '1042',
          eventId: 'b1d3c0a2-7e4f-4a5b-9c8d-0e1f2a3b4c5d',
          eventType: 'ticket.routed',
          ticketId: '6f1c2f64-3a57-4a53-9d0e-61b9d1f0f2aa',
          attempts: 8,
          reason: 'HTTP 503',
          createdAt: '2025-03-04T09:12:04.000Z',
          diedAt: '2025-03-05T09:40:00.000Z',
        },
      ],
    },
  });

export const Replay = z
  .strictObject({
    deliveryId: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional()
      .meta({ description: 'One dead delivery; without it, every dead delivery of the endpoint' }),
  })
  .meta({ example: { deliveryId: '1042' } });

export const Replayed = z.object({ replayed: z.number().int() }).meta({ example: { replayed: 1 } });
