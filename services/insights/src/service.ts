import { readSlaCalendars } from '@triage/business-time';
import { keyRateLimit, type OperatorConfig } from '@triage/http';
import { createSupportMetrics, supportMetricsHandler, supportMetricsTopics } from '@triage/metrics';
import type { ServiceDeps, ServiceParts, Worker } from '@triage/runtime';
import { createInsightsApp } from './app.ts';
import type { InsightsConfig } from './config.ts';
import { opsRecords } from './ops/records.ts';
import { opsSessions } from './ops/session.ts';
import { signInPath } from './ops/sign-in.ts';

export interface InsightsServiceDeps extends ServiceDeps {
  config: InsightsConfig & OperatorConfig;
}

/** A working day: long enough not to ask again while the page is open, short enough to end a forgotten one. */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface InsightsParts extends ServiceParts {
  /** The pipeline bench times the feeds as the stage they are. */
  supportFeeds: Worker[];
  /** A path that signs a browser in to `tenantId`'s operations page, for a process to print at start. */
  opsSignInPath: (tenantId: string) => string;
}

/**
 * Insights: the support-metrics projection, fed by every stage's events, and what reads it: the
 * operations page and `GET /v1/metrics/summary`.
 */
export const composeInsights = async (deps: InsightsServiceDeps): Promise<InsightsParts> => {
  const calendars = await readSlaCalendars(deps.config.SLA_CALENDARS_FILE);
  const support = createSupportMetrics({ registry: deps.registry, calendars });
  // The figures live in this process, so each instance reads every event with its own group.
  const supportFeeds: Worker[] = supportMetricsTopics.map((topic) => ({
    name: `support-metrics:${topic}`,
    topic,
    group: `insights-metrics-${deps.instanceId}-${topic}`,
    observer: true,
    handler: supportMetricsHandler(support),
  }));
  const sessions = opsSessions({ secret: deps.config.OPS_SESSION_SECRET, ttlMs: SESSION_TTL_MS });
  const http = createInsightsApp({
    store: deps.store,
    logger: deps.logger,
    keyCacheMs: deps.config.KEY_CACHE_MS,
    rateLimit: keyRateLimit(deps.config),
    authFailures: deps.config,
    trustedProxies: deps.config.TRUSTED_PROXIES,
    operatorToken: deps.config.OPERATOR_TOKEN,
    sessions,
    ops: {
      summary: (tenantId) => support.summary(tenantId),
      tenants: () => support.tenants(),
      defaultTenant: deps.config.OPS_DEFAULT_TENANT,
      records: opsRecords(deps.store, calendars),
    },
  });
  return {
    name: 'insights',
    workers: supportFeeds,
    http,
    supportFeeds,
    opsSignInPath: (tenantId) => signInPath(sessions.issue({ role: 'tenant', tenantId })),
  };
};
