import { randomUUID } from 'node:crypto';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createEvent, Customer, MAX_SUBJECT_CHARS, Solution, storableText, Topics, type DeflectionRecorded } from '@triage/contracts';
import type { Store } from '@triage/store';
import type { KnowledgeSearch } from '@triage/knowledge';
import { type ApiEnv, errorBody, errorContent, validationHook } from '@triage/http';
import { receivedTicket } from '../accept-ticket.ts';
import { widgetCustomer } from '../widget-identity.ts';

const MAX_QUESTION_CHARS = 2_000;

const DeflectRequest = z.strictObject({
  question: storableText().trim().min(3).max(MAX_QUESTION_CHARS),
});
const DeflectResponse = z.object({
  deflectionId: z.string(),
  deflectable: z.boolean(),
  confidence: z.number(),
  solutions: z.array(Solution),
});
const Feedback = z.strictObject({
  resolved: z.boolean(),
  comment: storableText().trim().max(2_000).optional(),
  // How to reach the person only: who they are, and so their tier, comes from a signed identity.
  customer: Customer.pick({ email: true, name: true }).optional(),
  userId: Customer.shape.id.optional(),
  userHash: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'expected the hex HMAC-SHA256 of userId')
    .optional()
    .describe("The hex HMAC-SHA256 of userId with the tenant's widget identity secret, made by the host site's server"),
});
const FeedbackResponse = z.object({ outcome: z.enum(['resolved', 'unresolved']), ticketId: z.string().optional() });

const deflectRoute = createRoute({
  method: 'post',
  path: '/v1/deflect',
  summary: 'Top-3 self-service answers for a question typed into a chat widget',
  request: { body: { content: { 'application/json': { schema: DeflectRequest } }, required: true } },
  responses: {
    200: { description: 'Suggested solutions', content: { 'application/json': { schema: DeflectResponse } } },
    400: errorContent('Invalid question'),
  },
});

const feedbackRoute = createRoute({
  method: 'post',
  path: '/v1/deflect/{deflectionId}/feedback',
  summary: '"Did this help?" — resolved counts a deflection; not resolved opens a ticket carrying what was shown',
  request: {
    params: z.object({ deflectionId: z.uuid() }),
    body: { content: { 'application/json': { schema: Feedback } }, required: true },
  },
  responses: {
    200: { description: 'Feedback recorded', content: { 'application/json': { schema: FeedbackResponse } } },
    400: errorContent('Malformed deflection id or invalid feedback'),
    404: errorContent('Unknown deflection'),
    409: errorContent('Feedback already given'),
  },
});

/** The question cut to a subject's length, never between the two halves of a surrogate pair. */
const subjectOf = (question: string): string => {
  const cut = question.slice(0, MAX_SUBJECT_CHARS);
  return cut.isWellFormed() ? cut : cut.slice(0, -1);
};

const deflectionEvent = (tenantId: string, payload: DeflectionRecorded) => ({
  topic: Topics.deflectionsRecorded,
  event: createEvent(Topics.deflectionsRecorded, { tenantId, key: payload.deflectionId, payload }),
});

export const deflectRoutes = (store: Store, search: KnowledgeSearch) => {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(deflectRoute, async (c) => {
    const tenantId = c.get('tenantId');
    const { question } = c.req.valid('json');
    const retrieval = await search.search(tenantId, { text: question });
    const record = {
      id: randomUUID(),
      tenantId,
      question,
      solutions: retrieval.solutions,
      deflectable: retrieval.selfServe,
      confidence: retrieval.confidence,
      outcome: 'shown' as const,
    };
    await store.deflections.create(record);
    await store.outbox.enqueue(tenantId, [
      deflectionEvent(tenantId, {
        deflectionId: record.id,
        question,
        solutions: record.solutions,
        deflectable: record.deflectable,
        confidence: record.confidence,
        outcome: 'shown',
      }),
    ]);
    return c.json(
      { deflectionId: record.id, deflectable: record.deflectable, confidence: record.confidence, solutions: retrieval.solutions },
      200,
    );
  });

  app.openapi(feedbackRoute, async (c) => {
    const tenantId = c.get('tenantId');
    const { deflectionId } = c.req.valid('param');
    const feedback = c.req.valid('json');
    const deflection = await store.deflections.get(tenantId, deflectionId);
    if (!deflection) return c.json(errorBody('not_found', 'no such deflection'), 404);
    const solutions = Solution.array().parse(deflection.solutions);
    const outcome = feedback.resolved ? ('resolved' as const) : ('unresolved' as const);
    const opened = feedback.resolved
      ? undefined
      : receivedTicket(
          tenantId,
          {
            subject: subjectOf(deflection.question),
            body: [deflection.question, feedback.comment].filter(Boolean).join('\n\n'),
            channel: 'chat',
            customer: {
              ...feedback.customer,
              ...(await widgetCustomer(store, tenantId, feedback, `widget:${deflectionId}`)),
            },
          },
          {
            deflection: {
              deflectionId,
              question: deflection.question,
              articlesShown: solutions.map(({ articleId, title, score }) => ({ articleId, title, score })),
              ...(feedback.comment ? { comment: feedback.comment } : {}),
            },
          },
        );
    const ticketId = opened?.ticket.id;
    const recorded = deflectionEvent(tenantId, {
      deflectionId,
      question: deflection.question,
      solutions,
      deflectable: deflection.deflectable,
      confidence: deflection.confidence,
      outcome,
      ...(ticketId ? { ticketId } : {}),
    });
    const first = await store.deflections.resolve(tenantId, deflectionId, {
      outcome,
      votedArticleId: solutions[0]?.articleId,
      ticket: opened?.ticket,
      events: [...(opened?.events ?? []), recorded],
    });
    if (!first) return c.json(errorBody('conflict', 'feedback for this deflection was already recorded'), 409);
    return c.json({ outcome, ...(ticketId ? { ticketId } : {}) }, 200);
  });

  return app;
};
