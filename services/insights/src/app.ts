import { createTenantApiApp, type TenantApiOptions } from '@triage/http';
import type { Store } from '@triage/store';
import { type OpsDeps, opsRoutes } from './ops/routes.ts';
import type { OpsSessions } from './ops/session.ts';
import { viewerOf } from './ops/viewer.ts';
import { metricsRoutes } from './routes/metrics.ts';

export interface InsightsAppDeps extends Omit<TenantApiOptions, 'resolveApiKey'> {
  store: Store;
  /** `OPERATOR_TOKEN`: opens `/ops` for every tenant. */
  operatorToken: string | undefined;
  sessions: OpsSessions;
  ops: Pick<OpsDeps, 'summary' | 'tenants' | 'defaultTenant' | 'records'>;
}

/** Where the app serves its OpenAPI document: `/openapi.json` is intake's, on the same port in the embedded default. */
export const INSIGHTS_OPENAPI_PATH = '/openapi/insights.json';

/** The operations page (`/ops`) and the tenant's own figures over the API (`/v1/metrics/summary`). */
export const createInsightsApp = ({ store, operatorToken, sessions, ops, ...options }: InsightsAppDeps) => {
  const { app, guards } = createTenantApiApp(
    { ...options, resolveApiKey: (key) => store.tenants.resolveApiKey(key) },
    {
      paths: ['/v1/metrics/*'],
      openApi: { path: INSIGHTS_OPENAPI_PATH, title: 'Triage insights API', prefix: '/v1/metrics', tag: 'Support metrics' },
    },
  );
  // Every route that takes a key, the page's included: a 401 there is a guess like any other.
  // `/ops/*` also matches `/ops` itself.
  app.use('/ops/*', guards.clientAddress, guards.authFailures);
  app.route('/', opsRoutes({ ...ops, viewerOf: viewerOf({ operatorToken, resolveApiKey: guards.resolveApiKey }), sessions }));
  app.route('/', metricsRoutes(ops.summary));
  return app;
};
