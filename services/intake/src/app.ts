import { OpenAPIHono } from '@hono/zod-openapi';
import type { Taxonomy } from '@triage/contracts';
import type { Store } from '@triage/store';
import type { KnowledgeSearch } from '@triage/knowledge';
import type { Logger } from '@triage/runtime';
import {
  type ApiEnv,
  apiKeyGuards,
  bodyLimit,
  type AuthFailureConfig,
  cachedKeys,
  clientAddress,
  errorBody,
  type GuardedPaths,
  type RateLimitOptions,
  rateLimit,
  securityHeaders,
  serveOpenApi,
  strictUtf8,
  withJsonErrors,
} from '@triage/http';
import { widgetKeyAuth, widgetPreflight } from './widget-key-auth.ts';
import { deflectRoutes } from './routes/deflect.ts';
import { articleRoutes } from './routes/articles.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { categoryRoutes } from './routes/categories.ts';
import { tenantCategories } from './categories.ts';
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
  /** The deployment's categories (`TAXONOMY_FILE`): what `GET /v1/categories` lists and a correction may name. */
  taxonomy: Taxonomy;
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

/** The guards registered below, as the OpenAPI document declares them. */
const INTAKE_GUARDS: GuardedPaths[] = [
  { prefix: '/v1/tickets', scheme: 'apiKey', errors: [401, 429], tag: 'Tickets' },
  { prefix: '/v1/categories', scheme: 'apiKey', errors: [401, 429], tag: 'Tickets' },
  { prefix: '/v1/stream', scheme: 'apiKey', errors: [401, 429], tag: 'Event stream' },
  { prefix: '/v1/deflect', scheme: 'widgetKey', errors: [401, 403, 429], tag: 'Chat widget' },
];

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

  const categoriesOf = tenantCategories(deps.store, deps.taxonomy);
  app.use('/v1/tickets/*', authFailures, apiKey, limit);
  app.route('/', ticketRoutes(deps.store, categoriesOf));
  app.use('/v1/categories', authFailures, apiKey, limit);
  app.route('/', categoryRoutes(categoriesOf));
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
  app.route('/', articleRoutes(deps.store));

  app.route('/', widgetRoutes());
  if (deps.demoWidgetKey) app.route('/', demoRoutes(deps.demoWidgetKey));
  serveOpenApi(
    app,
    '/openapi.json',
    {
      info: {
        title: 'Triage intake API',
        version: '1.0.0',
        description:
          'Tickets in, self-service answers for the chat widget, and routed tickets out as server-sent events. ' +
          'Every refusal has one body: `error` (a stable code), `message` and, on a 400, `issues` naming each bad field.',
      },
    },
    INTAKE_GUARDS,
  );
  app.route('/', docsRoutes());
  return app;
};
