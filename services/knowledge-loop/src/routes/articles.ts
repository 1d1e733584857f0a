import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type ApiEnv, encodeCursor, errorBody, errorContent, pageStart, validationHook } from '@triage/http';
import type { ArticleUse, Store } from '@triage/store';
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
  request: {
    query: z.object({
      stale: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50).meta({ example: 50 }),
      // Long enough for any article id the import accepts, as a cursor carries one.
      cursor: z.string().min(1).max(4096).optional().meta({ description: "The previous page's `nextCursor`" }),
    }),
  },
  responses: {
    200: {
      description: 'Articles by id, a page at a time, with the thresholds of the stale flag',
      content: {
        'application/json': {
          schema: z.object({
            articles: z.array(ArticleHealth),
            nextCursor: z.string().nullable().describe('Where the next page starts; null on the last page'),
            staleWhen: z.object({ minUnhelpfulVotes: z.number().int(), maxHelpfulShare: z.number() }),
          }),
        },
      },
    },
    400: errorContent('Invalid filter, limit or cursor'),
    401: errorContent('Missing or unknown API key'),
  },
});

/** Articles read per query while a filter looks for a page of matches. */
const SCAN_BATCH = 200;
/** Articles one request reads at most: a filter that matches few returns a short page and its cursor. */
const MAX_READ = 2_000;

type Health = z.infer<typeof ArticleHealth>;

/**
 * A page of the tenant's articles after `after`, those whose flag is `stale` when it is given, read
 * in batches (only articles with enough unhelpful votes can be stale, so the store leaves the others
 * out of a stale page's batches). `next` is where the following page starts: none when the articles
 * after this page are known not to match, the last article read when `MAX_READ` ran out first.
 */
const articlePage = async (store: Store, tenantId: string, rule: StaleRule, query: { stale?: boolean; limit: number; after?: string }) => {
  const health = (a: ArticleUse): Health => ({ ...a, helpfulShare: helpfulShare(a), stale: isStale(a, rule) });
  const matches = (a: Health) => query.stale === undefined || a.stale === query.stale;
  // One past the page, so a full page knows whether another follows.
  const batch = query.stale === undefined ? query.limit + 1 : SCAN_BATCH;
  const minUnhelpful = query.stale ? rule.minUnhelpful : undefined;
  const articles: Health[] = [];
  let after = query.after;
  for (let read = 0; read < MAX_READ; ) {
    const rows = (await store.knowledgeLoop.articleUses(tenantId, { after, limit: batch, minUnhelpful })).map(health);
    read += rows.length;
    for (const article of rows) {
      if (!matches(article)) continue;
      if (articles.length === query.limit) return { articles, next: articles.at(-1)!.id };
      articles.push(article);
    }
    if (rows.length < batch) return { articles, next: undefined };
    after = rows.at(-1)!.id;
  }
  return { articles, next: after };
};

export const articleRoutes = (store: Store, rule: StaleRule) =>
  new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(articlesRoute, async (c) => {
    const { stale, limit, cursor } = c.req.valid('query');
    const start = pageStart(cursor);
    if (!start) return c.json(errorBody('invalid_cursor', 'the cursor is not one this API issued; start again without it'), 400);
    const page = await articlePage(store, c.get('tenantId'), rule, {
      ...(stale === undefined ? {} : { stale: stale === 'true' }),
      limit,
      ...(start.after === undefined ? {} : { after: start.after }),
    });
    return c.json(
      {
        articles: page.articles,
        nextCursor: page.next === undefined ? null : encodeCursor(page.next),
        staleWhen: { minUnhelpfulVotes: rule.minUnhelpful, maxHelpfulShare: rule.maxHelpfulShare },
      },
      200,
    );
  });
