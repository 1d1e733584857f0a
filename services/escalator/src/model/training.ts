import { createEvent, Topics } from '@triage/contracts';
import { type EscalationExample, fitEscalationOffThread } from '@triage/ml';
import type { EscalationFeatures, Store } from '@triage/store';
import type { EscalationPolicy } from '../policy.ts';
import { outcomeLabels } from './labels.ts';

export const ESCALATION_MODEL = 'escalation';

/** What a fitted model's record says about what it learned from. */
export interface EscalationModelMetrics {
  /** Labeled outcomes it was fitted on: imported history and reported outcomes. */
  labeled: number;
  high: number;
  tierHead: boolean;
  trainSeconds: number;
}

export type TrainingResult =
  | { trained: true; version: string; metrics: EscalationModelMetrics }
  | { trained: false; labeled: number; why: string };

interface Labeled extends EscalationFeatures {
  text: string;
  urgency: EscalationExample['urgency'];
  needsTier2?: boolean | undefined;
}

/**
 * The tenant's labeled examples: its imported history and the outcomes reported on tickets Triage
 * assessed (those assessed before the escalator recorded features are left out).
 */
export const tenantExamples = async (store: Store, tenantId: string): Promise<Labeled[]> => {
  const history = await store.escalation.history(tenantId);
  const outcomes = await store.escalation.outcomes(tenantId);
  return [...history, ...outcomes.flatMap((row) => (row.features ? [{ text: row.text, ...row.features, ...outcomeLabels(row) }] : []))];
};

/**
 * The embedding goes in only when every example has one from the same embedder; a tenant whose
 * history was embedded by another embedder than its tickets learns from words and facts alone.
 */
const commonEmbedder = (examples: readonly Labeled[]): string | undefined => {
  const names = new Set(examples.map((e) => e.embedding?.embedder));
  const [only] = names;
  return names.size === 1 ? only : undefined;
};

export const toExamples = (examples: readonly Labeled[]): { examples: EscalationExample[]; embedder: string | undefined } => {
  const embedder = commonEmbedder(examples);
  return {
    embedder,
    examples: examples.map((e) => ({
      text: e.text,
      urgency: e.urgency,
      needsTier2: e.needsTier2,
      structured: e.structured,
      embedding: embedder ? e.embedding?.values : undefined,
    })),
  };
};

/**
 * Fits the tenant's escalation model from all its labeled examples, stores it and announces it on
 * `models.updated` (through the outbox, so an import needs only the database); or says why not:
 * fewer than the policy's minimum, or too few high (or other) outcomes to learn the difference.
 */
export const trainTenantEscalation = async (store: Store, tenantId: string, policy: EscalationPolicy): Promise<TrainingResult> => {
  const labeled = await tenantExamples(store, tenantId);
  const minimum = policy.model.minLabeledOutcomes;
  if (labeled.length < minimum) return { trained: false, labeled: labeled.length, why: `${labeled.length} of ${minimum} labeled outcomes` };
  const counts = { high: 0, medium: 0, low: 0 };
  for (const e of labeled) counts[e.urgency]++;
  // The model's low-vs-medium head needs both among the others too.
  if (Object.values(counts).some((n) => n < 2))
    return {
      trained: false,
      labeled: labeled.length,
      why: `too few of an urgency among ${labeled.length} labeled outcomes (${counts.high} high, ${counts.medium} medium, ${counts.low} low)`,
    };
  const { examples, embedder } = toExamples(labeled);
  const state = await fitEscalationOffThread(examples, { embedder });
  const version = `${embedder ?? 'words'}-${new Date().toISOString()}`;
  const metrics: EscalationModelMetrics = {
    labeled: labeled.length,
    high: counts.high,
    tierHead: state.heads.tier !== undefined,
    trainSeconds: state.report.trainSeconds,
  };
  await store.models.save(tenantId, {
    name: ESCALATION_MODEL,
    version,
    data: new TextEncoder().encode(JSON.stringify(state)),
    metrics: { ...metrics },
  });
  const event = createEvent(Topics.modelsUpdated, { tenantId, key: ESCALATION_MODEL, payload: { model: ESCALATION_MODEL, version } });
  await store.outbox.enqueue(tenantId, [{ topic: Topics.modelsUpdated, event }]);
  return { trained: true, version, metrics };
};
