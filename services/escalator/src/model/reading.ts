import type { Level, Reason } from '@triage/contracts';
import { type Contribution, type EscalationInput, predictEscalation } from '@triage/ml';
import type { EscalationPolicy } from '../policy.ts';
import type { TenantModel } from './registry.ts';

/** What the tenant's model says about a ticket. */
export interface ModelReading {
  version: string;
  pHigh: number;
  pTier2: number | undefined;
  urgency: Level;
  contributions: Contribution[];
}

/** The model's reading, or why the rules decide alone; either way the reasons that say so. */
export type ModelVerdict = { reading: ModelReading; reasons: Reason[] } | { reading: undefined; reasons: Reason[] };

const TOP_FEATURES = 3;
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${round(x)}`;

const rulesOnly = (detail: string): ModelVerdict => ({ reading: undefined, reasons: [{ code: 'rules-only', detail }] });

/** Reads the ticket with the tenant's model when it has one; a model that cannot read this ticket leaves it to the rules. */
export const readWithModel = (tenant: TenantModel, input: EscalationInput, policy: EscalationPolicy): ModelVerdict => {
  const minimum = policy.model.minLabeledOutcomes;
  if (!tenant.model)
    return rulesOnly(
      tenant.labeled < minimum
        ? `${tenant.labeled} of ${minimum} labeled outcomes`
        : `${tenant.labeled} labeled outcomes, no model trained from them yet`,
    );
  let prediction: ReturnType<typeof predictEscalation>;
  try {
    prediction = predictEscalation(tenant.model.escalation, input, TOP_FEATURES);
  } catch (err) {
    // A ticket without the embedding the model was fitted with (an event from before it travelled).
    return rulesOnly(`model ${tenant.model.version} cannot read this ticket: ${(err as Error).message}`);
  }
  const reading: ModelReading = {
    version: tenant.model.version,
    pHigh: prediction.probabilities.high,
    pTier2: prediction.tier2,
    urgency: prediction.urgency,
    contributions: prediction.contributions,
  };
  const moved = reading.contributions.map((c) => `${c.feature} ${signed(c.logOdds)}`).join(', ');
  const reasons: Reason[] = [
    {
      code: 'model-urgency',
      detail: `P(high) ${round(reading.pHigh)} → urgency ${reading.urgency} (model ${reading.version}; moved most by ${moved})`,
    },
  ];
  if (reading.pTier2 !== undefined)
    reasons.push({ code: 'model-tier', detail: `P(tier ≥ 2) ${round(reading.pTier2)} (threshold ${policy.model.tier2Probability})` });
  return { reading, reasons };
};
