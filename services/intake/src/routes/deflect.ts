import { randomUUID } from 'node:crypto';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createEvent,
  Customer,
  DetectedLanguage,
  MAX_SUBJECT_CHARS,
  Solution,
  storableText,
  Topics,
  type DeflectionRecorded,
} from '@triage/contracts';
import type { Store } from '@triage/store';
import type { KnowledgeSearch } from '@triage/knowledge';
import { type ApiEnv, errorBody, errorContent, validationHook } from '@triage/http';
import { detectLanguage } from '@triage/signals';
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
  language: DetectedLanguage.optional().describe('The language of the question, when it has enough words to tell'),
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
  articleId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'The shown article the customer opened: the verdict counts for it alone; unset, it counts for the top answer when the question was deflectable, else for none.',
    ),
});
const FeedbackResponse = z.object({ outcome: z.enum(['resolved', 'unresolved']), ticketId: z.string().optional() });

const deflectExample = {
  deflectionId: '3d5c0a9e-2f4b-4c1e-8f51-6a0f8d2e7b10',
  deflectable: true,
  confidence: 0.86,
  language: { code: 'en', confidence: 0.97 },
  solutions: [
    {
      articleId: 'reset-password',
      title: 'Reset your password',
      snippet: 'Open Settings, then Security, and choose Reset password: a link arrives by email within a minute.',
      url: 'https://help.example.com/reset-password',
      score: 0.82,
    },
  ],
};

const deflectRoute = createRoute({
  method: 'post',
  path: '/v1/deflect',
  summary: 'Top-3 self-service answers for a question typed into a chat widget',
  request: {
    body: {
      content: { 'application/json': { schema: DeflectRequest, example: { question: 'How do I reset my password?' } } },
      required: true,
    },
  },
  responses: {
    200: { description: 'Suggested solutions', content: { 'application/json': { schema: DeflectResponse, example: deflectExample } } },
    400: errorContent('Invalid question'),
  },
});

const feedbackRoute = createRoute({
  method: 'post',
  path: '/v1/deflect/{deflectionId}/feedback',
  summary: '"Did this help?" — resolved counts a deflection; not resolved opens a ticket carrying what was shown',
  request: {
    params: z.object({ deflectionId: z.uuid() }),
    body: {
      content: {
        'application/json': {
          schema: Feedback,
          example: { resolved: false, comment: 'The reset link never arrives.', customer: { email: 'sam@example.com', name: 'Sam Lee' } },
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'Feedback recorded',
      content: {
        'application/json': {
          schema: FeedbackResponse,
          example: { outcome: 'unresolved', ticketId: '0b8f4f6e-5f0a-4a4e-9a57-2d0e8f3c1a11' },
        },
      },
    },
    400: errorContent('Malformed deflection id or invalid feedback, or an articleId that was not shown'),
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
    const searching = search.search(tenantId, { text: question });
    // Told while a worker thread embeds the question, rather than after the search.
    const language = detectLanguage(question);
    const retrieval = await searching;
    const record = {
      id: randomUUID(),
      tenantId,
      question,
      solutions: retrieval.solutions,
      deflectable: retrieval.selfServe,
      confidence: retrieval.confidence,
      outcome: 'shown' as const,
    };
    await store.deflections.create(record, [
      deflectionEvent(tenantId, {
        deflectionId: record.id,
        question,
        solutions: record.solutions,
        deflectable: record.deflectable,
        confidence: record.confidence,
        outcome: 'shown',
        ...(language ? { language } : {}),
      }),
    ]);
    return c.json(
      {
        deflectionId: record.id,
        deflectable: record.deflectable,
        confidence: record.confidence,
        solutions: retrieval.solutions,
        ...(language ? { language } : {}),
      },
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
    if (feedback.articleId !== undefined && !solutions.some((s) => s.articleId === feedback.articleId))
      return c.json(errorBody('invalid_request', `article ${feedback.articleId} was not among the answers shown for this deflection`), 400);
    // Below the self-serve bar the widget shows no article, only the offer of a ticket: the customer saw
    // just the one they say they opened. Voting the top one down would flag as stale an article for a
    // question the knowledge base lacks, and the agent would read that it was tried.
    const shown = deflection.deflectable ? solutions : solutions.filter((s) => s.articleId === feedback.articleId);
    const creditedArticleId = feedback.articleId ?? shown[0]?.articleId;
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
              articlesShown: shown.map(({ articleId, title, score }) => ({ articleId, title, score })),
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
      ...(creditedArticleId ? { creditedArticleId } : {}),
    });
    const first = await store.deflections.resolve(tenantId, deflectionId, {
      outcome,
      votedArticleId: creditedArticleId,
      ticket: opened?.ticket,
      events: [...(opened?.events ?? []), recorded],
    });
    if (!first) return c.json(errorBody('conflict', 'feedback for this deflection was already recorded'), 409);
    return c.json({ outcome, ...(ticketId ? { ticketId } : {}) }, 200);
  });

  return app;
};
