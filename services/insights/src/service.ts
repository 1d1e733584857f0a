import { createSupportMetrics, supportMetricsHandler, supportMetricsTopics } from '@triage/metrics';
import type { ServiceDeps, ServiceParts, Worker } from '@triage/runtime';
import { createInsightsApp } from './app.ts';
import type { InsightsConfig } from './config.ts';

export interface InsightsServiceDeps extends ServiceDeps {
  config: InsightsConfig;
}

/**
 * Insights: the support-metrics projection, fed by every stage's events, and what reads it: the
 * operations page and `GET /v1/metrics/summary`.
 */
export const composeInsights = async (deps: InsightsServiceDeps): Promise<ServiceParts & { supportFeeds: Worker[] }> => {
  const support = createSupportMetrics({ registry: deps.registry });
  // The figures live in this process, so each instance reads every event with its own group.
  const supportFeeds: Worker[] = supportMetricsTopics.map((topic) => ({
    name: `support-metrics:${topic}`,
    topic,
    group: `insights-metrics-${deps.instanceId}-${topic}`,
    observer: true,
    handler: supportMetricsHandler(support),
  }));
  const http = createInsightsApp({
    store: deps.store,
    logger: deps.logger,
    keyCacheMs: deps.config.KEY_CACHE_MS,
    ops: {
      summary: (tenantId) => support.summary(tenantId),
      tenants: () => support.tenants(),
      defaultTenant: deps.config.OPS_DEFAULT_TENANT,
    },
  });
  return {
    name: 'insights',
    workers: supportFeeds,
    http,
    // The pipeline bench times the feeds as the stage they are.
    supportFeeds,
  };
};
