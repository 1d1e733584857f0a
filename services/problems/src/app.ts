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
import { problemRoutes } from './routes.ts';

export interface ProblemsAppDeps {
  store: Store;
  logger: Logger;
  keyCacheMs: number;
  rateLimit: RateLimitOptions;
  authFailures: AuthFailureConfig;
  trustedProxies: string[];
}

/** Where the app serves its OpenAPI document, beside intake's and insights' on the embedded port. */
export const PROBLEMS_OPENAPI_PATH = '/openapi/problems.json';

/** The problem records over the API, behind the tenant's API key. */
export const createProblemsApp = (deps: ProblemsAppDeps) => {
  const { authFailures, apiKey, limit } = apiKeyGuards({
    resolveApiKey: (key) => deps.store.tenants.resolveApiKey(key),
    keyCacheMs: deps.keyCacheMs,
    authFailures: deps.authFailures,
    rateLimit: deps.rateLimit,
  });
  const app = new OpenAPIHono<ApiEnv>();
  withJsonErrors(app, deps.logger);
  // Mounted beside the other services' apps: the same defaults, so neither changes the other's.
  app.use('*', securityHeaders);
  // `/v1/problems/*` does not match `/v1/problems` itself.
  for (const path of ['/v1/problems', '/v1/problems/*']) app.use(path, clientAddress(deps.trustedProxies), authFailures, apiKey, limit);
  app.route('/', problemRoutes(deps.store));
  serveOpenApi(app, PROBLEMS_OPENAPI_PATH, { info: { title: 'Triage problems API', version: '1.0.0' } }, [
    { prefix: '/v1/problems', scheme: 'apiKey', errors: [401, 429], tag: 'Problems' },
  ]);
  return app;
};
