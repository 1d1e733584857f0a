import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type ApiEnv, errorContent, validationHook } from '@triage/http';
import type { Store } from '@triage/store';

const Draft = z.object({
  title: z.string(),
  body: z.string(),
  source: z
    .enum(['extractive', 'model'])
    .describe('extractive: central sentences of the resolution notes; model: written by the hosted model'),
});
const GapGroup = z.object({
  id: z.string(),
  category: z.string(),
  ticketCount: z.number().int(),
  draft: Draft,
  tickets: z.array(
    z.object({
      ticketId: z.string(),
      subject: z.string(),
      kbConfidence: z.number().describe("The retrieval's probability that its best article answered the ticket"),
      resolvedAt: z.string(),
    }),
  ),
  updatedAt: z.string(),
});

const gapsRoute = createRoute({
  method: 'get',
  path: '/v1/kb/gaps',
  summary: 'Knowledge gaps: tickets agents resolved that no article answered, grouped by topic, each group with a draft article',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: {
      description: 'Gap groups, most tickets first',
      content: { 'application/json': { schema: z.object({ groups: z.array(GapGroup) }) } },
    },
    400: errorContent('Invalid limit'),
    401: errorContent('Missing or unknown API key'),
  },
});

export const gapRoutes = (store: Store) =>
  new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(gapsRoute, async (c) => {
    const groups = await store.knowledgeLoop.groups(c.get('tenantId'), c.req.valid('query').limit);
    return c.json(
      {
        groups: groups.map(({ gaps, ...group }) => ({
          ...group,
          tickets: gaps.map(({ ticketId, subject, kbConfidence, resolvedAt }) => ({ ticketId, subject, kbConfidence, resolvedAt })),
        })),
      },
      200,
    );
  });
