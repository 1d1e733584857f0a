import { keyRateLimit } from '@triage/http';
import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import { createProblemsApp } from './app.ts';
import { type ProblemsConfig, thresholdsFor } from './config.ts';
import { lifecycleWorker, routedWorker } from './workers.ts';

export interface ProblemsServiceDeps extends ServiceDeps {
  config: ProblemsConfig;
}

/**
 * Problem management: routed tickets grouped by fault into problem records (`problems.detected`,
 * `problems.updated` through the outbox), resolved with their members, listed at `GET /v1/problems`.
 */
export const composeProblems = async ({ store, logger, config }: ProblemsServiceDeps): Promise<ServiceParts> => ({
  name: 'problems',
  workers: [routedWorker(store, thresholdsFor(config)), lifecycleWorker(store)],
  http: createProblemsApp({
    store,
    logger,
    keyCacheMs: config.KEY_CACHE_MS,
    rateLimit: keyRateLimit(config),
    authFailures: config,
    trustedProxies: config.TRUSTED_PROXIES,
  }),
});
