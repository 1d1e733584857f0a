import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { errorBody, errorContent, validationHook } from '@triage/http';
import { UnknownTenant } from '@triage/store';
import { WebhookUrlRefused } from '@triage/webhook-policy';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { AdminInputError, UnknownWebhook } from './errors.ts';
import { TenantParams } from './schemas.ts';
import type { WebhookOperations } from './webhook-operations.ts';
import {
  CreatedWebhook,
  CreateWebhook,
  DeadList,
  DeadQuery,
  Replay,
  Replayed,
  Webhook,
  WebhookList,
  WebhookParams,
} from './webhook-schemas.ts';

const json = <S extends z.ZodType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });
const unauthorized = {
  401: errorContent('Missing or wrong operator token'),
  403: errorContent('The admin API is off: OPERATOR_TOKEN is not set'),
};
const unknownWebhook = { 404: errorContent('No webhook endpoint has this id (`unknown_webhook`)') };

const createWebhookRoute = createRoute({
  method: 'post',
  path: '/admin/v1/tenants/{tenant}/webhooks',
  summary: 'Register a webhook endpoint for some event types; its signing secret is in this response only',
  description: [
    'Each delivery is a signed POST (Standard Webhooks) of `{"id", "type", "timestamp", "tenantId", "data"}`, where `data` is the',
    "payload of the topic's event: `ticket.routed` of [tickets.routed](/schemas/tickets.routed.json), `incident.major` of",
    '[incidents.major](/schemas/incidents.major.json), `ticket.escalated` and `sla.breached` of',
    '[tickets.escalated](/schemas/tickets.escalated.json), `ticket.resolved`, `ticket.reopened` and `ticket.closed` of',
    '[tickets.lifecycle-applied](/schemas/tickets.lifecycle-applied.json) (schemas served by intake).',
  ].join(' '),
  request: { params: TenantParams, body: { ...json('The endpoint', CreateWebhook), required: true } },
  responses: {
    201: json('The endpoint, with its secret', CreatedWebhook),
    400: errorContent(
      'An unknown event type, or a URL refused (`webhook_url_refused`): not https, or resolving to a private, loopback or link-local address',
    ),
    404: errorContent('No such tenant (`unknown_tenant`)'),
    ...unauthorized,
  },
});

const listWebhooksRoute = createRoute({
  method: 'get',
  path: '/admin/v1/tenants/{tenant}/webhooks',
  summary: "A tenant's webhook endpoints, disabled ones too, never their secrets",
  request: { params: TenantParams },
  responses: { 200: json('The endpoints', WebhookList), 404: errorContent('No such tenant (`unknown_tenant`)'), ...unauthorized },
});

const switchRoute = (action: 'enable' | 'disable') =>
  createRoute({
    method: 'post',
    path: `/admin/v1/webhooks/{id}/${action}`,
    summary:
      action === 'disable'
        ? 'Stop sending to an endpoint: new events are not queued for it, queued ones wait until it is enabled'
        : 'Send to a disabled endpoint again, starting with what was queued for it',
    request: { params: WebhookParams },
    responses: { 200: json('The endpoint', Webhook), ...unknownWebhook, ...unauthorized },
  });

const deadRoute = createRoute({
  method: 'get',
  path: '/admin/v1/webhooks/{id}/dead',
  summary: "An endpoint's dead deliveries (every attempt failed), oldest first, with the last failure's reason",
  request: { params: WebhookParams, query: DeadQuery },
  responses: { 200: json('The dead deliveries', DeadList), ...unknownWebhook, ...unauthorized },
});

const replayRoute = createRoute({
  method: 'post',
  path: '/admin/v1/webhooks/{id}/replay',
  summary: "Send an endpoint's dead deliveries again (all, or the one named), each with its attempts from the first",
  request: { params: WebhookParams, body: { ...json('Which delivery; none names every one', Replay), required: false } },
  responses: { 200: json('How many deliveries are queued again', Replayed), ...unknownWebhook, ...unauthorized },
});

const refusal = (error: unknown): [ContentfulStatusCode, string] | undefined => {
  if (error instanceof AdminInputError) return [400, 'invalid_request'];
  if (error instanceof WebhookUrlRefused) return [400, 'webhook_url_refused'];
  if (error instanceof UnknownTenant) return [404, 'unknown_tenant'];
  if (error instanceof UnknownWebhook) return [404, 'unknown_webhook'];
  return undefined;
};

/** The admin API's webhook routes: endpoints, their dead-letter lists and replays. */
export const webhookRoutes = (ops: WebhookOperations) =>
  new OpenAPIHono({ defaultHook: validationHook })
    .onError((error, c) => {
      const known = refusal(error);
      if (!known) throw error;
      return c.json(errorBody(known[1], error.message), known[0]);
    })
    .openapi(createWebhookRoute, async (c) => c.json(await ops.createWebhook(c.req.valid('param').tenant, c.req.valid('json')), 201))
    .openapi(listWebhooksRoute, async (c) => c.json({ webhooks: await ops.listWebhooks(c.req.valid('param').tenant) }, 200))
    .openapi(switchRoute('disable'), async (c) => c.json(await ops.setWebhookEnabled(c.req.valid('param').id, false), 200))
    .openapi(switchRoute('enable'), async (c) => c.json(await ops.setWebhookEnabled(c.req.valid('param').id, true), 200))
    .openapi(deadRoute, async (c) =>
      c.json({ deliveries: await ops.listDeadDeliveries(c.req.valid('param').id, c.req.valid('query').limit) }, 200),
    )
    .openapi(replayRoute, async (c) =>
      c.json(await ops.replayDeadDeliveries(c.req.valid('param').id, c.req.valid('json')?.deliveryId), 200),
    );
