import { readSlaCalendars } from '@triage/business-time';
import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import type { SlaWatchConfig } from './config.ts';
import type { SlaPolicy } from './policy.ts';
import { createSlaWatch } from './watch.ts';
import { lifecycleWorker, routedWorker } from './workers.ts';

export interface SlaWatchServiceDeps extends ServiceDeps {
  config: SlaWatchConfig;
}

const policyOf = async (config: SlaWatchConfig): Promise<SlaPolicy> => ({
  calendars: await readSlaCalendars(config.SLA_CALENDARS_FILE),
  atRiskShare: config.SLA_AT_RISK_SHARE,
  windowScale: config.SLA_WINDOW_SCALE,
});

/**
 * The SLA watch: routed tickets open deadlines, lifecycle changes pause, resume, meet or reopen
 * them, and the watch escalates those whose moment comes (tickets.escalated, through the outbox).
 */
export const composeSlaWatch = async (deps: SlaWatchServiceDeps): Promise<ServiceParts> => {
  const policy = await policyOf(deps.config);
  const now = () => new Date();
  const watch = createSlaWatch({
    store: deps.store,
    policy,
    logger: deps.logger,
    registry: deps.registry,
    batchSize: deps.config.SLA_SCAN_BATCH,
    scanIntervalMs: deps.config.SLA_SCAN_INTERVAL_MS,
    now,
  });
  return {
    name: 'sla-watch',
    components: [watch],
    workers: [routedWorker(deps.store, policy, now), lifecycleWorker(deps.store, policy, now)],
  };
};
