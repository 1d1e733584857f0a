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
import { articleRoutes } from './routes/articles.ts';
import { gapRoutes } from './routes/gaps.ts';
import type { StaleRule } from './stale.ts';

export interface KnowledgeLoopAppDeps {
  store: Store;
  logger: Logger;
  /** How long an API key that resolved is trusted before the database is asked again. */
  keyCacheMs: number;
  /** Each API key's budget on `/v1/kb/*`. */
  rateLimit: RateLimitOptions;
  authFailures: AuthFailureConfig;
  trustedProxies: string[];
  stale: StaleRule;
}

export const KNOWLEDGE_LOOP_OPENAPI_PATH = '/openapi/knowledge-loop.json';

/** The tenant's knowledge gaps and the health of its articles, behind its API key. */
export const createKnowledgeLoopApp = (deps: KnowledgeLoopAppDeps) => {
  const { authFailures, apiKey, limit } = apiKeyGuards({
    resolveApiKey: (key) => deps.store.tenants.resolveApiKey(key),
    keyCacheMs: deps.keyCacheMs,
    authFailures: deps.authFailures,
    rateLimit: deps.rateLimit,
  });
  const app = new OpenAPIHono<ApiEnv>();
  withJsonErrors(app, deps.logger);
  // The same `*` middleware as the other services: mounted beside them, it changes none of their headers.
  app.use('*', securityHeaders);
  app.use('/v1/kb/*', clientAddress(deps.trustedProxies), authFailures, apiKey, limit);
  app.route('/', gapRoutes(deps.store));
  app.route('/', articleRoutes(deps.store, deps.stale));
  serveOpenApi(app, KNOWLEDGE_LOOP_OPENAPI_PATH, { info: { title: 'Triage knowledge loop API', version: '1.0.0' } }, [
    { prefix: '/v1/kb', scheme: 'apiKey', errors: [401, 429] },
  ]);
  return app;
};
