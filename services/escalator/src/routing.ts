import type { Priority, Reason } from '@triage/contracts';
import type { EscalationPolicy } from './policy.ts';

/** The facts routing depends on, already derived from the ticket. */
export interface RoutingFacts {
  priority: Priority;
  majorIncident: boolean;
  /** The categorizer abstained, so no specialist queue can be picked. */
  needsTriage: boolean;
  category: string;
  /** The best KB article is strong enough for the customer alone; its id. */
  selfServeArticle: string | undefined;
  outage: boolean;
  vip: boolean;
  frustrated: boolean;
  repeatContact: boolean;
  lowConfidence: boolean;
  complexity: number;
  /** Account takeover, leaked keys, data exposure. */
  security: boolean;
  /** What says it is a product defect (a regression, a stack trace, a reproducible error), if anything. */
  defect: string | undefined;
  /** The customer already tried self-service for this and it did not help. */
  selfServiceFailed: boolean;
  /** The tenant's model's P(tier 2 or above) against its threshold; undefined without one. */
  modelTier2: boolean | undefined;
  /** The queue suffix the policy gives the ticket's language, if any. */
  languageSuffix: string | undefined;
}

export interface Route {
  tier: 0 | 1 | 2 | 3;
  queue: string;
  reasons: Reason[];
}

const urgencyRank = (p: Priority): number => Number(p.slice(1));

const queueSlug = (category: string): string =>
  category
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'general';

/** Support tier and queue: self-service, service desk, specialist per category, or engineering. */
export const route = (f: RoutingFacts, policy: EscalationPolicy): Route => {
  const routed = baseRoute(f, policy);
  if (f.languageSuffix === undefined || routed.tier === 3) return routed;
  return {
    ...routed,
    queue: `${routed.queue}${f.languageSuffix}`,
    reasons: [...routed.reasons, { code: 'language-queue', detail: `queue for the ticket's language (${f.languageSuffix})` }],
  };
};

const baseRoute = (f: RoutingFacts, policy: EscalationPolicy): Route => {
  const { queues, routing } = policy;
  if (f.majorIncident) return { tier: 3, queue: queues.majorIncident, reasons: [] };
  if (f.security)
    return {
      tier: 3,
      queue: queues.security,
      reasons: [{ code: 'security-incident', detail: 'security incidents go to the security team' }],
    };
  if (f.priority === 'P1')
    return { tier: 3, queue: queues.engineering, reasons: [{ code: 'priority-p1', detail: 'P1 goes straight to engineering' }] };
  if (f.defect !== undefined)
    return { tier: 3, queue: queues.engineering, reasons: [{ code: 'product-defect', detail: `${f.defect}: engineering's to fix` }] };

  const reasons: Reason[] = [];
  const selfServe =
    f.selfServeArticle !== undefined &&
    urgencyRank(f.priority) >= urgencyRank(routing.selfServiceMaxPriority) &&
    !f.frustrated &&
    !f.vip &&
    !f.outage &&
    !f.needsTriage &&
    !f.lowConfidence &&
    !f.selfServiceFailed;
  if (selfServe) {
    reasons.push({ code: 'self-service', detail: `strong KB match ${f.selfServeArticle}` });
    return { tier: 0, queue: queues.selfService, reasons };
  }
  if (f.selfServiceFailed) reasons.push({ code: 'self-service-failed', detail: 'the customer tried self-service first: a person answers' });

  let tier: 1 | 2 = 1;
  if (f.priority === 'P2') {
    tier = 2;
    reasons.push({ code: 'priority-p2', detail: 'P2 goes to a specialist' });
  }
  // The tenant's model, trained on which tier resolved its tickets, stands in for the complexity rule.
  if (f.modelTier2 === true) tier = 2;
  if (f.modelTier2 === undefined && f.complexity >= routing.specialistComplexity) {
    tier = 2;
    reasons.push({ code: 'high-complexity', detail: `complexity ${f.complexity} ≥ ${routing.specialistComplexity}` });
  }
  // Writing again, and angry about it: the first line already failed this customer once.
  if (f.frustrated && f.repeatContact) {
    tier = 2;
    reasons.push({ code: 'frustrated-repeat-contact', detail: 'frustrated customer writing again' });
  }
  if (f.needsTriage) return { tier, queue: queues.triage, reasons };
  return { tier, queue: tier === 2 ? `${queues.specialistPrefix}${queueSlug(f.category)}` : queues.serviceDesk, reasons };
};
