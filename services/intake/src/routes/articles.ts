import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Store } from '@triage/store';
import { type ApiEnv, errorBody, errorContent, validationHook } from '@triage/http';

const ArticleResponse = z
  .object({
    articleId: z.string(),
    title: z.string(),
    body: z.string().describe('The article as written, usually Markdown: the widget renders a safe subset of it as text'),
    url: z.url().optional().describe('Its own page, when it has one'),
  })
  .meta({
    example: {
      articleId: 'reset-password',
      title: 'Reset your password',
      body: '## Request a reset link\n\n1. Open **Settings → Security**.\n2. Choose *Reset password*: a link arrives by email within a minute.',
    },
  });

const articleRoute = createRoute({
  method: 'get',
  path: '/v1/deflect/articles/{articleId}',
  summary: "One of the tenant's knowledge-base articles, for the widget to show inside itself",
  request: { params: z.object({ articleId: z.string().min(1).max(200) }) },
  responses: {
    200: { description: 'The article', content: { 'application/json': { schema: ArticleResponse } } },
    400: errorContent('Malformed article id'),
    404: errorContent('No such article'),
  },
});

/** Article text for the widget: a deflection shows excerpts, and an article without a page of its own is read here. */
export const articleRoutes = (store: Store) =>
  new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(articleRoute, async (c) => {
    const article = await store.kb.get(c.get('tenantId'), c.req.valid('param').articleId);
    if (!article) return c.json(errorBody('not_found', 'no such article'), 404);
    const { id, title, body, url } = article;
    return c.json({ articleId: id, title, body, ...(url ? { url } : {}) }, 200);
  });
