import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { LifecycleReport, LifecycleState } from '@triage/contracts';
import { applyReports, lifecycleOf } from '@triage/lifecycle';
import type { Store } from '@triage/store';
import { type ApiEnv, errorBody, errorContent, validationHook } from '@triage/http';

const MAX_REPORTS = 100;

// A single report is taken as a list of one, so a bad field is named by its place either way
// (`0.csat`): a union of the two shapes would report only that neither matched.
const Reports = z
  .preprocess((body) => (Array.isArray(body) ? body : [body]), z.array(LifecycleReport).min(1).max(MAX_REPORTS))
  .meta({
    description: `Up to ${MAX_REPORTS} reports, applied together: all of them or none. A single report may be sent without the list.`,
    example: [
      { type: 'assigned', id: 'zd-8812-1', occurredAt: '2025-03-04T09:14:00Z', queue: 'tier2-billing', tier: 2, agent: 'maria' },
      { type: 'first_response', id: 'zd-8812-2', occurredAt: '2025-03-04T09:21:30Z', agent: 'maria' },
      {
        type: 'resolved',
        id: 'zd-8812-3',
        occurredAt: '2025-03-04T11:02:00Z',
        notes: 'Card declined by issuer; customer updated billing details.',
        resolvingTier: 2,
        kbArticleId: 'kb-update-card',
        category: 'billing',
        priority: 'P3',
      },
    ],
  });

const Applied = z
  .object({
    ticketId: z.string(),
    state: LifecycleState,
    results: z.array(z.object({ id: z.string(), result: z.enum(['applied', 'duplicate']) })),
  })
  .meta({
    example: {
      ticketId: '6f1c2f64-3a57-4a53-9d0e-61b9d1f0f2aa',
      state: 'resolved',
      results: [
        { id: 'zd-8812-1', result: 'duplicate' },
        { id: 'zd-8812-2', result: 'applied' },
        { id: 'zd-8812-3', result: 'applied' },
      ],
    },
  });

const Refused = z
  .object({
    error: z.literal('impossible_transition'),
    message: z.string(),
    reportId: z.string().meta({ description: 'The report refused' }),
    state: LifecycleState.meta({ description: "The ticket's state, which the request left unchanged" }),
  })
  .meta({
    example: {
      error: 'impossible_transition',
      message: 'first_response is not possible when the ticket is closed',
      reportId: 'zd-8812-9',
      state: 'closed',
    },
  });

/** A ticket's lifecycle as `GET /v1/tickets/{id}` shows it. */
export const TicketLifecycle = z.object({
  state: LifecycleState,
  timeline: z
    .array(z.object({ report: LifecycleReport, receivedAt: z.iso.datetime() }))
    .meta({ description: 'Every report applied, in the order they happened (`occurredAt`, then arrival)' }),
});

export const ticketLifecycle = async (store: Store, tenantId: string, ticketId: string) =>
  lifecycleOf(await store.lifecycle.timeline(tenantId, ticketId));

const eventsRoute = createRoute({
  method: 'post',
  path: '/v1/tickets/{id}/events',
  summary: 'Report what happened to a routed ticket in the helpdesk',
  description:
    "Reports are placed on the ticket's timeline by `occurredAt` (reports that happened at once, by arrival), so a late one lands where it belongs. " +
    'A report whose id was seen before is a duplicate: answered again, applied once. A request that would make the timeline impossible, ' +
    'where its report lands or at any later report, is refused whole (409). Each applied report is published on `tickets.lifecycle-applied`. ' +
    'The same reports may be published on the `tickets.lifecycle` Kafka topic instead.',
  request: {
    params: z.object({ id: z.uuid() }),
    body: { content: { 'application/json': { schema: Reports } }, required: true },
  },
  responses: {
    200: { description: "Applied (or already applied); the ticket's state now", content: { 'application/json': { schema: Applied } } },
    400: errorContent('Malformed ticket id or report; `issues` names each bad field'),
    401: errorContent('Missing or unknown API key'),
    404: errorContent('No such ticket for this tenant'),
    409: {
      description: 'Impossible on this ticket: nothing of the request was applied',
      content: { 'application/json': { schema: Refused } },
    },
    429: errorContent('Rate limited'),
  },
});

export const lifecycleRoutes = (store: Store) => {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(eventsRoute, async (c) => {
    const ticketId = c.req.valid('param').id;
    const outcome = await applyReports(store, c.get('tenantId'), ticketId, c.req.valid('json'), {
      traceparent: c.req.header('traceparent'),
    });
    switch (outcome.status) {
      case 'unknown_ticket':
        return c.json(errorBody('not_found', 'no such ticket'), 404);
      case 'refused':
        return c.json(
          { error: 'impossible_transition' as const, message: outcome.reason, reportId: outcome.reportId, state: outcome.state },
          409,
        );
      case 'accepted':
        return c.json({ ticketId, state: outcome.state, results: outcome.results }, 200);
    }
  });

  return app;
};
