import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { OpsDeps } from '../ops/routes.ts';
import type { IntakeEnv } from '../env.ts';

const summaryRoute = createRoute({
  method: 'get',
  path: '/v1/metrics/summary',
  summary: "The caller's support metrics: deflection and escalation rates, category and priority mix, SLA, KB hit rate, latency",
  responses: {
    200: { description: 'Support metrics of the tenant', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
  },
});

export const metricsRoutes = (summary: OpsDeps['summary']) =>
  new OpenAPIHono<IntakeEnv>().openapi(summaryRoute, async (c) =>
    c.json((await summary(c.get('tenantId'))) as unknown as Record<string, unknown>, 200),
  );
