import type { Bus } from '@triage/bus';
import { createStageMetrics, metricsText } from '@triage/metrics';
import type { Store } from '@triage/store';
import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { createHealthServer } from './health.ts';
import { httpServerComponent } from './http-server.ts';
import { type Component, createLifecycle, type Lifecycle } from './lifecycle.ts';
import type { Logger } from './logger.ts';
import { connectionsComponent, readinessGate } from './process-parts.ts';
import type { ServiceParts } from './service.ts';
import { workerComponent } from './worker.ts';

export interface ProcessOptions {
  /** Labels the stage metrics of every worker in the process. */
  name: string;
  store: Store;
  bus: Bus;
  logger: Logger;
  registry: Registry;
  services: ServiceParts[];
  /** Where the services' HTTP routes are served, together with `/livez` and `/readyz`. */
  httpPort: number;
  /** The internal port of `/livez`, `/readyz` and `/metrics`; 0 picks a free one. */
  healthPort: number;
  /** The internal port's interface: 0.0.0.0 unless the process is only scraped from its own host. */
  healthHost?: string;
  onReady?: (info: { httpPort: number; healthPort: number }) => void;
}

const probes = (isReady: () => boolean) =>
  new Hono().get('/livez', (c) => c.text('ok')).get('/readyz', (c) => (isReady() ? c.text('ready') : c.text('not ready', 503)));

/**
 * One process of any subset of services, in the order that keeps every guarantee: the connections
 * first (closed last), then the internal health port, each service's components, its workers, and
 * the HTTP listener last, so no request is accepted and nothing is consumed before the whole process
 * is wired; stopping runs in reverse, every part draining before any closes. The health port serves
 * its probes from the start, so a supervisor sees the process alive while a model loads.
 *
 * `/metrics` is served on the health port only: its series are labelled with tenants (their
 * figures, their article titles), so they must never be on a port the tenants can reach.
 */
export const composeProcess = (
  options: ProcessOptions,
): { lifecycle: Lifecycle; isReady: () => boolean; httpPort: () => number; healthPort: () => number } => {
  const stageMetrics = createStageMetrics(options.registry, options.name);
  const routes = options.services.flatMap((s) => (s.http ? [s.http] : []));
  let api: (Component & { port(): number }) | undefined;
  const readiness = readinessGate(() => options.onReady?.({ httpPort: api?.port() ?? 0, healthPort: health.port() }));
  const health = createHealthServer({
    port: options.healthPort,
    ...(options.healthHost ? { host: options.healthHost } : {}),
    isReady: readiness.isReady,
    metrics: () => metricsText(options.registry),
  });
  if (routes.length > 0) {
    const app = new Hono();
    app.notFound((c) => c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404));
    app.route('/', probes(readiness.isReady));
    for (const route of routes) app.route('/', route);
    api = httpServerComponent(app, options.httpPort, options.logger);
  }
  const components: Component[] = [
    connectionsComponent(options.bus, options.store),
    health,
    ...options.services.flatMap((s) => s.components ?? []),
    ...options.services.flatMap((s) =>
      s.workers.map((w) => workerComponent(options.bus, { ...w, handler: stageMetrics.wrap(w.name, w.handler) })),
    ),
    ...(api ? [api] : []),
    readiness.component,
  ];
  return {
    lifecycle: createLifecycle(components, options.logger),
    isReady: readiness.isReady,
    httpPort: () => api?.port() ?? 0,
    healthPort: () => health.port(),
  };
};
