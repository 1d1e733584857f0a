import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Store } from '@triage/store';
import type { KnowledgeSearch } from '@triage/kb-retrieval';
import type { Logger } from '@triage/runtime';
import { apiKeyAuth } from './api-key-auth.ts';
import { errorBody, onHttpError } from './http-errors.ts';
import { cachedKeys } from './key-cache.ts';
import { rateLimit, type RateLimitOptions } from './rate-limit.ts';
import { strictUtf8 } from './strict-utf8.ts';
import { widgetKeyAuth, widgetPreflight } from './widget-key-auth.ts';
import { deflectRoutes } from './routes/deflect.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { widgetRoutes } from './routes/widget.ts';
import { demoRoutes } from './routes/demo.ts';
import { docsRoutes } from './routes/docs.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { streamRoutes } from './routes/stream.ts';
import type { Broadcaster } from './broadcaster.ts';
import { opsRoutes, type OpsDeps } from './ops/routes.ts';
import type { IntakeEnv } from './env.ts';

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
  isReady: () => boolean;
  ops: OpsDeps;
  /** Prometheus text for `/metrics`. */
  metrics: () => Promise<string>;
  /** Serves `/demo`, a page embedding the widget with this key (the embedded default only). */
  demoWidgetKey?: string | undefined;
}

/** Bounds each key cache's memory: only keys that resolved are kept, so this is a count of real keys in use. */
const MAX_CACHED_KEYS = 10_000;

/** The intake HTTP API: tickets in, deflection for chat widgets, health and the OpenAPI document. */
export const createIntakeApp = (deps: IntakeDeps) => {
  const app = new OpenAPIHono<IntakeEnv>();
  app.onError((err, c) => {
    try {
      return onHttpError(err, c);
    } catch {
      deps.logger.error('request failed', { err, path: c.req.path });
      return c.json(errorBody('internal', 'internal error'), 500);
    }
  });
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));

  app.get('/livez', (c) => c.text('ok'));
  app.get('/readyz', (c) => (deps.isReady() ? c.text('ready') : c.text('not ready', 503)));
  app.get('/metrics', async (c) => c.text(await deps.metrics(), 200, { 'content-type': 'text/plain; version=0.0.4' }));
  app.route('/', opsRoutes(deps.ops));

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
  const keyCache = { ttlMs: deps.keyCacheMs, maxEntries: MAX_CACHED_KEYS };
  const apiKey = apiKeyAuth(cachedKeys((key) => deps.store.tenants.resolveApiKey(key), keyCache));
  const widgetKey = widgetKeyAuth(cachedKeys((key) => deps.store.tenants.resolveWidgetKey(key), keyCache));
  const limit = rateLimit(deps.rateLimit);

  app.use('/v1/tickets/*', apiKey, limit);
  app.route('/', ticketRoutes(deps.store));

  app.use('/v1/metrics/*', apiKey);
  app.route('/', metricsRoutes(deps.ops.summary));
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
