import { type EscalationModel, loadEscalation } from '@triage/ml';
import { createLoadCache } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { EscalationPolicy } from '../policy.ts';
import { ESCALATION_MODEL } from './training.ts';

/** A tenant's escalation model, when it has one trained on enough outcomes, and how many it has. */
export interface TenantModel {
  model: { version: string; escalation: EscalationModel } | undefined;
  /** Labeled outcomes the tenant had when this was loaded. */
  labeled: number;
}

export interface ModelRegistry {
  forTenant(tenantId: string): Promise<TenantModel>;
  /** Loads the tenant's model afresh on next use (a `models.updated` for it arrived). */
  invalidate(tenantId: string): void;
}

/**
 * Per-tenant escalation models, loaded from the store once and kept until `models.updated` says
 * a new one was stored; an entry also expires after `refreshMs`, so the count of labeled outcomes
 * the rules-only reason quotes does not stay behind for long.
 */
export const createModelRegistry = (store: Store, policy: EscalationPolicy, refreshMs = 5 * 60_000): ModelRegistry => {
  const loadedAt = new Map<string, number>();
  const cache = createLoadCache(async (tenantId: string): Promise<TenantModel> => {
    loadedAt.set(tenantId, Date.now());
    const stored = await store.models.latest(tenantId, ESCALATION_MODEL);
    const trainedOn = Number(stored?.metrics.labeled ?? 0);
    if (stored && trainedOn >= policy.model.minLabeledOutcomes)
      return {
        model: { version: stored.version, escalation: loadEscalation(JSON.parse(new TextDecoder().decode(stored.data))) },
        labeled: trainedOn,
      };
    return { model: undefined, labeled: await store.escalation.labeledCount(tenantId) };
  });
  return {
    forTenant: (tenantId) => {
      if (Date.now() - (loadedAt.get(tenantId) ?? 0) > refreshMs) cache.invalidate(tenantId);
      return cache.get(tenantId);
    },
    invalidate: cache.invalidate,
  };
};
