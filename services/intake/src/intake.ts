import type { Bus } from '@triage/bus';
import type { KnowledgeSearch } from '@triage/kb-retrieval';
import { createSupportMetrics, metricsText, supportMetricsHandler, supportMetricsTopics } from '@triage/metrics';
import { workerComponent, type Component, type Logger, type Worker } from '@triage/runtime';
import type { Registry } from 'prom-client';
import type { Store } from '@triage/store';
import { createIntakeApp } from './app.ts';
import { createBroadcaster } from './broadcaster.ts';
import type { IntakeConfig } from './config.ts';
import { httpServerComponent } from './http-server.ts';
import { createOutboxRelay } from './outbox-relay.ts';
import { wakingStore } from './waking-store.ts';

export interface IntakeParts {
  store: Store;
  bus: Bus;
  search: KnowledgeSearch;
  logger: Logger;
  config: IntakeConfig;
  instanceId: string;
  registry: Registry;
  /** The tenant `/ops` shows when the URL names none. */
  defaultTenant: string;
  demoWidgetKey?: string | undefined;
  isReady: () => boolean;
}

/**
 * Intake's running parts in start order: the stream fan-out, the outbox relay, then the HTTP
 * listener last so no request is accepted before the rest is wired (and, stopping in reverse, the
 * listener closes first and the relay still publishes what it accepted).
 */
export const createIntake = (parts: IntakeParts) => {
  const broadcaster = createBroadcaster(parts.bus, parts.instanceId);
  const support = createSupportMetrics({ registry: parts.registry });
  // The figures live in this process, so each instance reads every event with its own group.
  const supportFeeds: Worker[] = supportMetricsTopics.map((topic) => ({
    name: `support-metrics:${topic}`,
    topic,
    group: `intake-metrics-${parts.instanceId}-${topic}`,
    observer: true,
    handler: supportMetricsHandler(support),
  }));
  const relay = createOutboxRelay({
    store: parts.store,
    bus: parts.bus,
    logger: parts.logger,
    batchSize: parts.config.OUTBOX_BATCH_SIZE,
    idleMs: parts.config.OUTBOX_IDLE_MS,
  });
  const app = createIntakeApp({
    store: wakingStore(parts.store, relay.wake),
    search: parts.search,
    broadcaster,
    logger: parts.logger,
    rateLimit: { perSecond: parts.config.RATE_LIMIT_PER_SECOND, burst: parts.config.RATE_LIMIT_BURST },
    maxBodyBytes: parts.config.MAX_BODY_BYTES,
    keyCacheMs: parts.config.KEY_CACHE_MS,
    isReady: parts.isReady,
    ops: { summary: (tenantId) => support.summary(tenantId), tenants: () => support.tenants(), defaultTenant: parts.defaultTenant },
    metrics: () => metricsText(parts.registry),
    demoWidgetKey: parts.demoWidgetKey,
  });
  const http = httpServerComponent(app, parts.config.PORT, parts.logger);
  const components: Component[] = [broadcaster, ...supportFeeds.map((feed) => workerComponent(parts.bus, feed)), relay, http];
  // The feeds are returned too: the pipeline bench times them as the stage they are.
  return { app, http, components, supportFeeds };
};
