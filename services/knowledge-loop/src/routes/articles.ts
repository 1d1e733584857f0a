import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type ApiEnv, errorContent, validationHook } from '@triage/http';
import type { Store } from '@triage/store';
import { helpfulShare, isStale, type StaleRule } from '../stale.ts';

const ArticleHealth = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().optional(),
  helpfulVotes: z.number().int().describe('Resolved deflections credited to it'),
  unhelpfulVotes: z.number().int().describe('Deflections credited to it that did not help'),
  resolutionUses: z.number().int().describe('Tickets an agent resolved with it'),
  helpfulShare: z.number().nullable().describe('(helpful + resolution uses) / (all votes + resolution uses); null when never used'),
  stale: z.boolean(),
});

const articlesRoute = createRoute({
  method: 'get',
  path: '/v1/kb/articles',
  summary: "The tenant's articles with how they help; stale=true lists only those flagged stale",
  request: { query: z.object({ stale: z.enum(['true', 'false']).optional() }) },
  responses: {
    200: {
      description: 'Articles by id, with the thresholds of the stale flag',
      content: {
        'application/json': {
          schema: z.object({
            articles: z.array(ArticleHealth),
            staleWhen: z.object({ minUnhelpfulVotes: z.number().int(), maxHelpfulShare: z.number() }),
          }),
        },
      },
    },
    400: errorContent('Invalid filter'),
    401: errorContent('Missing or unknown API key'),
  },
});

export const articleRoutes = (store: Store, rule: StaleRule) =>
  new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(articlesRoute, async (c) => {
    const { stale } = c.req.valid('query');
    const articles = (await store.knowledgeLoop.articleUses(c.get('tenantId')))
      .map((a) => ({ ...a, helpfulShare: helpfulShare(a), stale: isStale(a, rule) }))
      .filter((a) => stale === undefined || a.stale === (stale === 'true'));
    return c.json({ articles, staleWhen: { minUnhelpfulVotes: rule.minUnhelpful, maxHelpfulShare: rule.maxHelpfulShare } }, 200);
  });
