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
  const { queues, routing } = policy;
  if (f.majorIncident) return { tier: 3, queue: queues.majorIncident, reasons: [] };
  if (f.priority === 'P1')
    return { tier: 3, queue: queues.engineering, reasons: [{ code: 'priority-p1', detail: 'P1 goes straight to engineering' }] };

  const reasons: Reason[] = [];
  const selfServe =
    f.selfServeArticle !== undefined &&
    urgencyRank(f.priority) >= urgencyRank(routing.selfServiceMaxPriority) &&
    !f.frustrated &&
    !f.vip &&
    !f.outage &&
    !f.needsTriage &&
    !f.lowConfidence;
  if (selfServe) {
    reasons.push({ code: 'self-service', detail: `strong KB match ${f.selfServeArticle}` });
    return { tier: 0, queue: queues.selfService, reasons };
  }

  let tier: 1 | 2 = 1;
  if (f.priority === 'P2') {
    tier = 2;
    reasons.push({ code: 'priority-p2', detail: 'P2 goes to a specialist' });
  }
  if (f.complexity >= routing.specialistComplexity) {
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
