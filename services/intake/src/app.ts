import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Store } from '@triage/store';
import type { KnowledgeSearch } from '@triage/knowledge';
import type { Logger } from '@triage/runtime';
import {
  type ApiEnv,
  apiKeyGuards,
  type AuthFailureConfig,
  cachedKeys,
  clientAddress,
  errorBody,
  type RateLimitOptions,
  rateLimit,
  securityHeaders,
  strictUtf8,
  withJsonErrors,
} from '@triage/http';
import { widgetKeyAuth, widgetPreflight } from './widget-key-auth.ts';
import { deflectRoutes } from './routes/deflect.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { lifecycleRoutes } from './routes/lifecycle.ts';
import { widgetRoutes } from './routes/widget.ts';
import { demoRoutes } from './routes/demo.ts';
import { docsRoutes } from './routes/docs.ts';
import { streamRoutes } from './routes/stream.ts';
import type { Broadcaster } from './broadcaster.ts';

export interface IntakeDeps {
  store: Store;
  search: KnowledgeSearch;
  broadcaster: Broadcaster;
  logger: Logger;
  /** Each API or widget key's budget, whichever endpoint it calls. */
  rateLimit: RateLimitOptions;
  /** Each client address's share of a widget key's budget, so one visitor cannot spend it for every other. */
  clientRateLimit: RateLimitOptions;
  /** How many failed authentications a client address may make. */
  authFailures: AuthFailureConfig;
  /** Proxies whose X-Forwarded-For names the client (`TRUSTED_PROXIES`). */
  trustedProxies: string[];
  /** How long an API or widget key that resolved is trusted before the database is asked again. */
  keyCacheMs: number;
  /** Largest request body accepted at all; field limits inside it are the schema's job. */
  maxBodyBytes: number;
  /** Serves `/demo`, a page embedding the widget with this key (the embedded default only). */
  demoWidgetKey?: string | undefined;
  /** Between two heartbeat comments on an event stream; 15 s unless a test wants it sooner. */
  streamHeartbeatMs?: number | undefined;
}

/** The intake HTTP API: tickets in, deflection for chat widgets, health and the OpenAPI document. */
export const createIntakeApp = (deps: IntakeDeps) => {
  const app = new OpenAPIHono<ApiEnv>();
  withJsonErrors(app, deps.logger);
  app.use('*', securityHeaders);

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: (c) => c.json(errorBody('payload_too_large', `request body exceeds ${deps.maxBodyBytes} bytes`), 413),
    }),
    strictUtf8,
    clientAddress(deps.trustedProxies),
  );

  // One of each, shared by every path: a key's rate budget is one bucket, whichever endpoint it
  // calls. `/x/*` also matches `/x` itself, so each middleware runs once per request.
  const { authFailures, apiKey, limit } = apiKeyGuards({
    resolveApiKey: (key) => deps.store.tenants.resolveApiKey(key),
    keyCacheMs: deps.keyCacheMs,
    authFailures: deps.authFailures,
    rateLimit: deps.rateLimit,
  });
  const keyCache = { ttlMs: deps.keyCacheMs };
  const widgetKey = widgetKeyAuth(cachedKeys((key) => deps.store.tenants.resolveWidgetKey(key), keyCache));
  const someWidgetKeyAdmits = cachedKeys(async (origin) => (await deps.store.tenants.widgetOriginAllowed(origin)) || null, keyCache);
  const clientLimit = rateLimit(deps.clientRateLimit, (c) => `${c.get('principal')}\u0000${c.get('clientIp')}`);

  app.use('/v1/tickets/*', authFailures, apiKey, limit);
  app.route('/', ticketRoutes(deps.store));
  app.route('/', lifecycleRoutes(deps.store));

  app.use('/v1/stream/*', authFailures, apiKey, limit);
  app.route('/', streamRoutes({ store: deps.store, broadcaster: deps.broadcaster, heartbeatMs: deps.streamHeartbeatMs ?? 15_000 }));

  // The preflight answers before any key middleware (it carries no key), so it is registered first.
  app.on(
    'OPTIONS',
    '/v1/deflect/*',
    widgetPreflight(async (origin) => (await someWidgetKeyAdmits(origin)) !== null),
  );
  // The client's own bucket first: a client over its share is refused before it spends the key's.
  app.use('/v1/deflect/*', authFailures, widgetKey, clientLimit, limit);
  app.route('/', deflectRoutes(deps.store, deps.search));

  app.route('/', widgetRoutes());
  if (deps.demoWidgetKey) app.route('/', demoRoutes(deps.demoWidgetKey));
  const openApi = { openapi: '3.1.0', info: { title: 'Triage intake API', version: '1.0.0' } };
  app.doc31('/openapi.json', openApi);
  app.route(
    '/',
    docsRoutes(() => app.getOpenAPI31Document(openApi)),
  );
  return app;
};
