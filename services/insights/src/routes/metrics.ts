import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { type ApiEnv, errorContent } from '@triage/http';
import type { OpsDeps } from '../ops/routes.ts';
import { SupportSummarySchema } from './summary-schema.ts';

const summaryRoute = createRoute({
  method: 'get',
  path: '/v1/metrics/summary',
  summary:
    "The caller's support metrics: deflection and escalation rates, category and priority mix, SLA, KB hit rate, latency, and under `measured` what the helpdesk's lifecycle reports measure",
  responses: {
    200: { description: 'Support metrics of the tenant', content: { 'application/json': { schema: SupportSummarySchema } } },
    401: errorContent('Missing or unknown API key'),
  },
});

export const metricsRoutes = (summary: OpsDeps['summary']) =>
  new OpenAPIHono<ApiEnv>().openapi(summaryRoute, async (c) => c.json(await summary(c.get('tenantId')), 200));
