import { OpenAPIHono } from '@hono/zod-openapi';
import {
  type ApiEnv,
  apiKeyGuards,
  type AuthFailureConfig,
  clientAddress,
  type RateLimitOptions,
  securityHeaders,
  serveOpenApi,
  withJsonErrors,
} from '@triage/http';
import type { Logger } from '@triage/runtime';
import type { Store } from '@triage/store';
import { type OpsDeps, opsRoutes } from './ops/routes.ts';
import type { OpsSessions } from './ops/session.ts';
import { viewerOf } from './ops/viewer.ts';
import { metricsRoutes } from './routes/metrics.ts';

export interface InsightsAppDeps {
  store: Store;
  logger: Logger;
  /** How long an API key that resolved is trusted before the database is asked again. */
  keyCacheMs: number;
  /** Each API key's budget on `/v1/metrics/*`. */
  rateLimit: RateLimitOptions;
  /** How many failed authentications a client address may make. */
  authFailures: AuthFailureConfig;
  /** Proxies whose X-Forwarded-For names the client (`TRUSTED_PROXIES`). */
  trustedProxies: string[];
  /** `OPERATOR_TOKEN`: opens `/ops` for every tenant. */
  operatorToken: string | undefined;
  sessions: OpsSessions;
  ops: Pick<OpsDeps, 'summary' | 'tenants' | 'defaultTenant' | 'records'>;
}

/** Where the app serves its OpenAPI document: `/openapi.json` is intake's, on the same port in the embedded default. */
export const INSIGHTS_OPENAPI_PATH = '/openapi/insights.json';

/** The operations page (`/ops`) and the tenant's own figures over the API (`/v1/metrics/summary`). */
export const createInsightsApp = (deps: InsightsAppDeps) => {
  const { resolveApiKey, authFailures, apiKey, limit } = apiKeyGuards({
    resolveApiKey: (key) => deps.store.tenants.resolveApiKey(key),
    keyCacheMs: deps.keyCacheMs,
    authFailures: deps.authFailures,
    rateLimit: deps.rateLimit,
  });
  const app = new OpenAPIHono<ApiEnv>();
  withJsonErrors(app, deps.logger);
  // Mounted beside intake (the embedded default), both apps' `*` middleware covers every route: the
  // two set the same defaults and keep a header a route set itself, so neither changes the other's.
  app.use('*', securityHeaders);

  // Every route that takes a key, the page's included: a 401 there is a guess like any other.
  // `/ops/*` also matches `/ops` itself.
  app.use('/ops/*', clientAddress(deps.trustedProxies), authFailures);
  app.route(
    '/',
    opsRoutes({ ...deps.ops, viewerOf: viewerOf({ operatorToken: deps.operatorToken, resolveApiKey }), sessions: deps.sessions }),
  );
  app.use('/v1/metrics/*', clientAddress(deps.trustedProxies), authFailures, apiKey, limit);
  app.route('/', metricsRoutes(deps.ops.summary));
  serveOpenApi(app, INSIGHTS_OPENAPI_PATH, { info: { title: 'Triage insights API', version: '1.0.0' } }, [
    { prefix: '/v1/metrics', scheme: 'apiKey', errors: [401, 429], tag: 'Support metrics' },
  ]);
  return app;
};
