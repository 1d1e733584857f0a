import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { pipelineStages, statusAfter, storableText, Ticket, TicketStatus, TicketSubmission } from '@triage/contracts';
import { IdempotencyKeyReused, type Store } from '@triage/store';
import { type ApiEnv, errorBody, errorContent, validationHook } from '@triage/http';
import { acceptTicket } from '../accept-ticket.ts';

/** Pipeline stages, last first; a ticket's status is the last one it completed. */
const stagesLastFirst = [...pipelineStages].reverse();

const Accepted = z.object({ id: z.string(), status: z.literal('accepted') });
const TicketState = z.object({
  id: z.string(),
  status: TicketStatus,
  ticket: Ticket,
  decisions: z.record(z.string(), z.unknown()),
});
/** Ticket ids are UUIDs, so anything else is refused before it reaches the database. */
const TicketId = z.object({ id: z.uuid() });
const Correction = z.strictObject({ category: storableText().min(1).max(100), kind: z.enum(['incident', 'service_request']).optional() });

const submitRoute = createRoute({
  method: 'post',
  path: '/v1/tickets',
  summary: 'Submit a ticket',
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
    body: { content: { 'application/json': { schema: TicketSubmission } }, required: true },
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

const correctRoute = createRoute({
  method: 'post',
  path: '/v1/tickets/{id}/corrections',
  summary: "An agent's category correction, kept as a labeled example for the next model",
  request: {
    params: TicketId,
    body: { content: { 'application/json': { schema: Correction } }, required: true },
  },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: z.object({ recorded: z.literal(true) }) } } },
    400: errorContent('Malformed ticket id or invalid correction'),
    404: errorContent('No such ticket for this tenant'),
  },
});

export const ticketRoutes = (store: Store) => {
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

  app.openapi(getRoute, async (c) => {
    const stored = await store.tickets.get(c.get('tenantId'), c.req.valid('param').id);
    if (!stored) return c.json(errorBody('not_found', 'no such ticket'), 404);
    const completed = stagesLastFirst.find((stage) => stage in stored.stages);
    const status: TicketStatus = completed ? statusAfter[completed] : 'received';
    return c.json({ id: stored.ticket.id, status, ticket: stored.ticket, decisions: stored.stages }, 200);
  });

  app.openapi(correctRoute, async (c) => {
    const tenantId = c.get('tenantId');
    const stored = await store.tickets.get(tenantId, c.req.valid('param').id);
    if (!stored) return c.json(errorBody('not_found', 'no such ticket'), 404);
    const { category, kind } = c.req.valid('json');
    const { subject, body, id } = stored.ticket;
    await store.examples.add(tenantId, [{ text: `${subject}\n${body}`, category, kind, source: 'correction', ticketId: id }]);
    return c.json({ recorded: true as const }, 201);
  });

  return app;
};
