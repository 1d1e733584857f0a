import type { Channel, CustomerTier, TextAnalysis } from '@triage/contracts';
import type { StructuredFeatures } from '@triage/ml';
import { entityCount } from '@triage/signals';

/** What the escalator knows of a ticket besides its words; an import knows less (undefined: no evidence). */
export interface TicketFacts {
  channel?: Channel | undefined;
  customerTier?: CustomerTier | undefined;
  vip?: boolean | undefined;
  affectedUsers?: number | undefined;
  category?: string | undefined;
  /** The customer's other tickets in the repeat-contact window. */
  recentTickets?: number | undefined;
  /** -1 .. 1. */
  sentiment: number;
  textAnalysis: TextAnalysis;
}

const TIER_RANK: Record<CustomerTier, number> = { free: 0, pro: 1, enterprise: 2 };
const flag = (present: boolean): number => (present ? 1 : 0);

/**
 * The escalation model's structured features, encoded as @triage/ml's StructuredFeatures asks. The
 * same function serves tickets at assessment and history rows at import, so both speak one language.
 */
export const structuredFeatures = (facts: TicketFacts): StructuredFeatures => {
  const { signals, entities } = facts.textAnalysis;
  const features: Record<string, number> = {
    sentiment: facts.sentiment,
    entities: Math.log1p(entityCount(entities)),
    outage: flag(signals.outage.length > 0),
    broadScope: flag(signals.broadScope.length > 0),
    urgentLanguage: flag(signals.urgent.length > 0),
    security: flag(signals.security.length > 0),
    defect: flag(signals.defect.length > 0),
    churn: flag(signals.churn.length > 0),
    saysRepeatContact: flag(signals.repeatContact),
  };
  if (facts.channel) features[`channel=${facts.channel}`] = 1;
  if (facts.customerTier) features.customerTier = TIER_RANK[facts.customerTier];
  if (facts.vip !== undefined) features.vip = flag(facts.vip);
  if (facts.affectedUsers !== undefined) features.affectedUsers = Math.log1p(facts.affectedUsers);
  if (facts.category) features[`category=${facts.category}`] = 1;
  if (facts.recentTickets !== undefined) features.recentTickets = Math.log1p(facts.recentTickets);
  return features;
};
