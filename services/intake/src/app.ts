import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Store } from '@triage/store';
import type { KnowledgeSearch } from '@triage/knowledge';
import type { Logger } from '@triage/runtime';
import { type ApiEnv, apiKeyAuth, cachedKeys, errorBody, type RateLimitOptions, rateLimit, strictUtf8, withJsonErrors } from '@triage/http';
import { widgetKeyAuth, widgetPreflight } from './widget-key-auth.ts';
import { deflectRoutes } from './routes/deflect.ts';
import { ticketRoutes } from './routes/tickets.ts';
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
  rateLimit: RateLimitOptions;
  /** How long an API or widget key that resolved is trusted before the database is asked again. */
  keyCacheMs: number;
  /** Largest request body accepted at all; field limits inside it are the schema's job. */
  maxBodyBytes: number;
  /** Serves `/demo`, a page embedding the widget with this key (the embedded default only). */
  demoWidgetKey?: string | undefined;
}

/** The intake HTTP API: tickets in, deflection for chat widgets, health and the OpenAPI document. */
export const createIntakeApp = (deps: IntakeDeps) => {
  const app = new OpenAPIHono<ApiEnv>();
  withJsonErrors(app, deps.logger);

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: (c) => c.json(errorBody('payload_too_large', `request body exceeds ${deps.maxBodyBytes} bytes`), 413),
    }),
    strictUtf8,
  );

  // One of each, shared by every path: a key's rate budget is one bucket, whichever endpoint it
  // calls. `/x/*` also matches `/x` itself, so each middleware runs once per request.
  const keyCache = { ttlMs: deps.keyCacheMs };
  const apiKey = apiKeyAuth(cachedKeys((key) => deps.store.tenants.resolveApiKey(key), keyCache));
  const widgetKey = widgetKeyAuth(cachedKeys((key) => deps.store.tenants.resolveWidgetKey(key), keyCache));
  const limit = rateLimit(deps.rateLimit);

  app.use('/v1/tickets/*', apiKey, limit);
  app.route('/', ticketRoutes(deps.store));

  app.use('/v1/stream/*', apiKey);
  app.route('/', streamRoutes(deps.broadcaster));

  app.use('/v1/deflect/*', widgetPreflight, widgetKey, limit);
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
