import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type ProblemRecord, ProblemRecord as ProblemRecordSchema } from '@triage/contracts';
import { type ApiEnv, errorBody, errorContent, validationHook } from '@triage/http';
import type { ProblemView, Store } from '@triage/store';

const Member = z.object({
  ticketId: z.string(),
  customerId: z.string(),
  subject: z.string(),
  category: z.string(),
  errorStrings: z.array(z.string()),
  routedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().optional(),
  resolution: z.string().optional(),
  link: z.string(),
});

const Problem = ProblemRecordSchema.omit({ members: true, change: true }).extend({
  updatedAt: z.iso.datetime(),
  members: z.array(Member).describe('Every ticket of the problem, oldest first'),
});

const Problems = z.object({ problems: z.array(Problem) });

const listRoute = createRoute({
  method: 'get',
  path: '/v1/problems',
  summary: "The tenant's problem records, newest first, each with its member tickets",
  request: {
    query: z.object({
      state: z.enum(['open', 'resolved']).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: { description: 'Problem records', content: { 'application/json': { schema: Problems } } },
    400: errorContent('Bad state or limit'),
    401: errorContent('Missing or unknown API key'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/problems/{problemId}',
  summary: 'One problem record with its member tickets',
  request: { params: z.object({ problemId: z.string().min(1).max(300) }) },
  responses: {
    200: { description: 'The problem record', content: { 'application/json': { schema: Problem } } },
    401: errorContent('Missing or unknown API key'),
    404: errorContent('No such problem'),
  },
});

const bodyOf = ({ record, state, updatedAt, members }: ProblemView<ProblemRecord>): z.infer<typeof Problem> => {
  const { members: _published, change: _change, ...rest } = record;
  return {
    ...rest,
    state,
    updatedAt,
    members: members.map((m) => ({
      ticketId: m.ticketId,
      customerId: m.customerId,
      subject: m.subject,
      category: m.category,
      errorStrings: m.errorStrings,
      routedAt: m.routedAt,
      ...(m.resolvedAt ? { resolvedAt: m.resolvedAt } : {}),
      ...(m.resolution ? { resolution: m.resolution } : {}),
      link: `/v1/tickets/${encodeURIComponent(m.ticketId)}`,
    })),
  };
};

/** `GET /v1/problems` and `GET /v1/problems/{id}`: the caller's tenant only. */
export const problemRoutes = (store: Store) =>
  new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) => {
      const { state, limit } = c.req.valid('query');
      const problems = await store.problems.list<ProblemRecord>(c.get('tenantId'), { state, limit });
      return c.json({ problems: problems.map(bodyOf) }, 200);
    })
    .openapi(getRoute, async (c) => {
      const problem = await store.problems.get<ProblemRecord>(c.get('tenantId'), c.req.valid('param').problemId);
      if (!problem) return c.json(errorBody('not_found', 'no such problem'), 404);
      return c.json(bodyOf(problem), 200);
    });
