import { Topics } from '@triage/contracts';
import type { Logger, Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { EscalationPolicy } from '../policy.ts';
import { ESCALATION_MODEL, trainTenantEscalation } from './training.ts';

export interface TrainerDeps {
  store: Store;
  policy: EscalationPolicy;
  logger: Logger;
}

/**
 * Retrains a tenant's escalation model once `policy.model.retrainAfter` labeled outcomes arrived
 * since its last one (or since the last attempt that found too few): outcomes come with the
 * lifecycle reports applied to its tickets. One consumer group across the escalators, so one
 * instance fits each model; `models.updated` makes every instance load it.
 */
export const createTrainerWorker = ({ store, policy, logger }: TrainerDeps): Worker<typeof Topics.ticketsLifecycleApplied> => {
  const attemptedAt = new Map<string, number>();
  const retrainIfDue = async (tenantId: string): Promise<void> => {
    const labeled = await store.escalation.labeledCount(tenantId);
    if (labeled < policy.model.minLabeledOutcomes) return;
    const latest = await store.models.latest(tenantId, ESCALATION_MODEL);
    // What the last fit (or failed attempt) saw; a tenant that never had either is due at once.
    const last = attemptedAt.get(tenantId) ?? (latest ? Number(latest.metrics.labeled ?? 0) : undefined);
    if (last !== undefined && labeled - last < policy.model.retrainAfter) return;
    attemptedAt.set(tenantId, labeled);
    const result = await trainTenantEscalation(store, tenantId, policy);
    if (result.trained) logger.info('escalation model trained', { tenantId, version: result.version, ...result.metrics });
    else logger.info('escalation model not trained', { tenantId, why: result.why });
  };
  return {
    name: 'escalation-trainer',
    topic: Topics.ticketsLifecycleApplied,
    group: 'escalation-trainer',
    observer: true,
    handler: async (batch) => {
      for (const tenantId of new Set(batch.map(({ event }) => event.tenantId))) await retrainIfDue(tenantId);
      return [];
    },
  };
};
