import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { pipelineStages, Priority, statusAfter, storableText, Ticket, TicketStatus, TicketSubmission } from '@triage/contracts';
import { IdempotencyKeyReused, type Store } from '@triage/store';
import { type ApiEnv, encodeCursor, errorBody, errorContent, pageStart, validationHook } from '@triage/http';
import { acceptTicket } from '../accept-ticket.ts';
import type { Category } from '../categories.ts';
import { TicketLifecycle, ticketLifecycle } from './lifecycle.ts';

/** Pipeline stages, last first; a ticket's status is the last one it completed. */
const stagesLastFirst = [...pipelineStages].reverse();

const TICKET_ID = '6f1c2f64-3a57-4a53-9d0e-61b9d1f0f2aa';
const Accepted = z.object({ id: z.string(), status: z.literal('accepted') }).meta({ example: { id: TICKET_ID, status: 'accepted' } });
const submissionExample = {
  subject: 'Checkout is down for everyone',
  body: 'Since 09:05 every payment fails with "503 Service Unavailable" on the checkout page. About 40 customers have called.',
  channel: 'email',
  customer: { id: 'acme-retail', email: 'ops@acme-retail.example', name: 'Dana Ruiz', tier: 'enterprise', vip: true },
  affectedUsers: 1200,
  productArea: 'checkout',
};
const TicketState = z
  .object({
    id: z.string(),
    status: TicketStatus,
    ticket: Ticket,
    decisions: z.record(z.string(), z.unknown()),
    lifecycle: TicketLifecycle,
  })
  .meta({
    example: {
      id: TICKET_ID,
      status: 'routed',
      ticket: { ...submissionExample, attachments: [], id: TICKET_ID, tenantId: 'acme', receivedAt: '2025-03-04T09:12:03.120Z' },
      decisions: {
        categorize: { category: 'software', kind: 'incident', confidence: 0.93 },
        assess: { priority: 'P1', tier: 3, queue: 'tier3-major-incident' },
      },
      lifecycle: { state: 'open', timeline: [] },
    },
  });
/** Ticket ids are UUIDs, so anything else is refused before it reaches the database. */
const TicketId = z.object({ id: z.uuid() });
const Correction = z
  .strictObject({
    category: storableText().min(1).max(100).describe("One of the tenant's categories, as `GET /v1/categories` lists them"),
    kind: z.enum(['incident', 'service_request']).optional(),
  })
  .meta({ example: { category: 'network', kind: 'incident' } });

const submitRoute = createRoute({
  method: 'post',
  path: '/v1/tickets',
  summary: 'Submit a ticket',
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
    body: { content: { 'application/json': { schema: TicketSubmission, example: submissionExample } }, required: true },
  },
  responses: {
    202: { description: 'Accepted for triage', content: { 'application/json': { schema: Accepted } } },
    400: errorContent('Invalid ticket'),
    401: errorContent('Missing or unknown API key'),
    422: errorContent('The Idempotency-Key was already used with a different request (`idempotency_key_reused`)'),
    429: errorContent('Rate limited'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/tickets/{id}',
  summary: "A ticket's current state and the decisions made so far",
  request: { params: TicketId },
  responses: {
    200: { description: 'The ticket', content: { 'application/json': { schema: TicketState } } },
    400: errorContent('Malformed ticket id'),
    404: errorContent('No such ticket for this tenant'),
  },
});

const TicketSummary = z.object({
  id: z.string(),
  status: TicketStatus,
  subject: z.string(),
  channel: z.string(),
  customerId: z.string(),
  createdAt: z.iso.datetime(),
  priority: Priority.optional(),
  queue: z.string().optional(),
  routedAt: z.iso.datetime().optional(),
});
const TicketList = z
  .object({
    tickets: z.array(TicketSummary),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({
    example: {
      tickets: [
        {
          id: '6f1c2f64-3a57-4a53-9d0e-61b9d1f0f2aa',
          status: 'routed',
          subject: 'Checkout is down for everyone',
          channel: 'email',
          customerId: 'acme',
          createdAt: '2025-03-04T09:12:03.120Z',
          priority: 'P1',
          queue: 'tier3-major-incident',
          routedAt: '2025-03-04T09:12:03.410Z',
        },
      ],
      nextCursor: 'eyJhZnRlciI6IjZmMWMyZjY0LTNhNTctNGE1My05ZDBlLTYxYjlkMWYwZjJhYSJ9',
    },
  });
const ListQuery = z.object({
  status: TicketStatus.optional().meta({ example: 'routed' }),
  queue: z.string().min(1).max(100).optional().meta({ example: 'tier2-billing' }),
  priority: Priority.optional().meta({ example: 'P1' }),
  routedSince: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Only tickets routed at or after this time', example: '2025-03-04T00:00:00Z' }),
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ example: 50 }),
  cursor: z.string().min(1).max(200).optional().meta({ description: "The previous page's `nextCursor`" }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/v1/tickets',
  summary: "The caller's tickets, newest first, filtered and a page at a time",
  description:
    'Walk every page by passing each `nextCursor` back as `cursor`: no ticket is listed twice or skipped, and tickets received meanwhile come first on a new walk.',
  request: { query: ListQuery },
  responses: {
    200: { description: 'One page of tickets', content: { 'application/json': { schema: TicketList } } },
    400: errorContent('An invalid filter, or a cursor this API did not issue for this tenant (`invalid_cursor`)'),
    401: errorContent('Missing or unknown API key'),
    429: errorContent('Rate limited'),
  },
});

const correctRoute = createRoute({
  method: 'post',
  path: '/v1/tickets/{id}/corrections',
  summary: "An agent's category correction, kept as a labeled example for the next model",
  request: {
    params: TicketId,
    body: { content: { 'application/json': { schema: Correction } }, required: true },
  },
  responses: {
    201: {
      description: 'Recorded',
      content: { 'application/json': { schema: z.object({ recorded: z.literal(true) }).meta({ example: { recorded: true } }) } },
    },
    400: errorContent('Malformed ticket id or invalid correction, or a category not in `GET /v1/categories` (`unknown_category`)'),
    404: errorContent('No such ticket for this tenant'),
  },
});

export const ticketRoutes = (store: Store, categoriesOf: (tenantId: string) => Promise<Category[]>) => {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(submitRoute, async (c) => {
    try {
      const { id } = await acceptTicket(store, c.get('tenantId'), c.req.valid('json'), {
        idempotencyKey: c.req.valid('header')['idempotency-key'],
        traceparent: c.req.header('traceparent'),
      });
      return c.json({ id, status: 'accepted' as const }, 202);
    } catch (err) {
      if (!(err instanceof IdempotencyKeyReused)) throw err;
      const message = 'this Idempotency-Key was already used with a different request; send a new key for a new ticket';
      return c.json(errorBody('idempotency_key_reused', message), 422);
    }
  });

  app.openapi(listRoute, async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query');
    const start = pageStart(cursor, z.uuid());
    const page = start && (await store.tickets.list(c.get('tenantId'), filter, { after: start.after, limit }));
    if (!page)
      return c.json(errorBody('invalid_cursor', 'the cursor is not one this API issued for this tenant; start again without it'), 400);
    return c.json({ tickets: page.tickets, nextCursor: page.next === undefined ? null : encodeCursor(page.next) }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const stored = await store.tickets.get(c.get('tenantId'), c.req.valid('param').id);
    if (!stored) return c.json(errorBody('not_found', 'no such ticket'), 404);
    const completed = stagesLastFirst.find((stage) => stage in stored.stages);
    const status: TicketStatus = completed ? statusAfter[completed] : 'received';
    const lifecycle = await ticketLifecycle(store, c.get('tenantId'), stored.ticket.id);
    return c.json({ id: stored.ticket.id, status, ticket: stored.ticket, decisions: stored.stages, lifecycle }, 200);
  });

  app.openapi(correctRoute, async (c) => {
    const tenantId = c.get('tenantId');
    const stored = await store.tickets.get(tenantId, c.req.valid('param').id);
    if (!stored) return c.json(errorBody('not_found', 'no such ticket'), 404);
    const { category, kind } = c.req.valid('json');
    const categories = await categoriesOf(tenantId);
    if (!categories.some((known) => known.name === category)) {
      const names = categories.map((known) => known.name).join(', ');
      return c.json(errorBody('unknown_category', `no category ${category} in this tenant's taxonomy: use one of ${names}`), 400);
    }
    const { subject, body, id } = stored.ticket;
    await store.examples.add(tenantId, [{ text: `${subject}\n${body}`, category, kind, source: 'correction', ticketId: id }]);
    return c.json({ recorded: true as const }, 201);
  });

  return app;
};
