import { OpenAPIHono } from '@hono/zod-openapi';
import { type ApiEnv, apiKeyAuth, cachedKeys, withJsonErrors } from '@triage/http';
import type { Logger } from '@triage/runtime';
import type { Store } from '@triage/store';
import { opsRoutes, type OpsDeps } from './ops/routes.ts';
import { metricsRoutes } from './routes/metrics.ts';

export interface InsightsAppDeps {
  store: Store;
  logger: Logger;
  /** How long an API key that resolved is trusted before the database is asked again. */
  keyCacheMs: number;
  ops: OpsDeps;
}

/** Where the app serves its OpenAPI document: `/openapi.json` is intake's, on the same port in the embedded default. */
export const INSIGHTS_OPENAPI_PATH = '/openapi/insights.json';

/** The operators' dashboard (`/ops`) and the tenant's own figures over the API (`/v1/metrics/summary`). */
export const createInsightsApp = (deps: InsightsAppDeps) => {
  const app = new OpenAPIHono<ApiEnv>();
  withJsonErrors(app, deps.logger);
  app.route('/', opsRoutes(deps.ops));
  app.use('/v1/metrics/*', apiKeyAuth(cachedKeys((key) => deps.store.tenants.resolveApiKey(key), { ttlMs: deps.keyCacheMs })));
  app.route('/', metricsRoutes(deps.ops.summary));
  app.doc31(INSIGHTS_OPENAPI_PATH, { openapi: '3.1.0', info: { title: 'Triage insights API', version: '1.0.0' } });
  return app;
};
