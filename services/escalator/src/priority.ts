import type { Categorization, Level, Priority, Reason, Sentiment, TextSignals, Ticket } from '@triage/contracts';
import type { ModelReading } from './model/reading.ts';
import type { EscalationPolicy } from './policy.ts';

export interface Graded {
  level: Level;
  reasons: Reason[];
}

const RANK: Record<Level, number> = { low: 0, medium: 1, high: 2 };
export const higher = (a: Level, b: Level): Level => (RANK[a] >= RANK[b] ? a : b);

// ITIL's 3×3 impact × urgency matrix, folded onto four priorities.
const MATRIX: Record<Level, Record<Level, Priority>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};

export const priorityFor = (impact: Level, urgency: Level): Priority => MATRIX[impact][urgency];

/** How much of the customer's business is hit: affected users, stated scope, contract tier, VIP. */
export const impactOf = (ticket: Ticket, signals: TextSignals, policy: EscalationPolicy): Graded => {
  const reasons: Reason[] = [];
  const users = ticket.affectedUsers ?? 1;
  let level: Level = users >= policy.impact.highAffectedUsers ? 'high' : users >= policy.impact.mediumAffectedUsers ? 'medium' : 'low';
  if (users > 1) reasons.push({ code: 'affected-users', detail: `${users} users affected` });
  if (signals.broadScope.length > 0) {
    level = 'high';
    reasons.push({ code: 'broad-scope', detail: signals.broadScope.join(', ') });
  }
  const { tier } = ticket.customer;
  const tierFloor = policy.impact.tierFloor[tier];
  if (RANK[tierFloor] > RANK[level]) {
    level = tierFloor;
    reasons.push({ code: 'customer-tier-impact', detail: `${tier} customer: impact at least ${tierFloor}` });
  }
  if (ticket.customer.vip) {
    level = higher(level, policy.vip.impactFloor);
    reasons.push({ code: 'vip', detail: `VIP customer: impact at least ${policy.vip.impactFloor}` });
  }
  return { level, reasons };
};

/** How soon it must be fixed, as the guardrail rules and the tenant's model (when it has one) read it. */
export interface UrgencyFacts {
  signals: TextSignals;
  categorization: Categorization;
  sentiment: Sentiment;
  /** Why this is a repeat contact (the customer's history, or their words), if it is one. */
  repeatContact: string | undefined;
  model: ModelReading | undefined;
}

/**
 * Outages and security incidents are urgent now, churn threats too, and a repeat contact at least
 * soon, whatever a model says: these rules only ever raise. Without a model, stated urgency, a
 * broken thing (an incident) and a frustrated customer make it urgent soon; with one, the model
 * (which reads those same words and facts, weighed by the tenant's own outcomes) decides instead.
 */
export const urgencyOf = ({ signals, categorization, sentiment, repeatContact, model }: UrgencyFacts): Graded => {
  const reasons: Reason[] = [];
  let level: Level = model?.urgency ?? 'low';
  if (signals.outage.length > 0) {
    level = 'high';
    reasons.push({ code: 'outage-signal', detail: signals.outage.join(', ') });
  }
  if (signals.security.length > 0) {
    level = 'high';
    reasons.push({ code: 'security-signal', detail: signals.security.join(', ') });
  }
  if (signals.churn.length > 0) {
    level = 'high';
    reasons.push({ code: 'churn-risk', detail: signals.churn.join(', ') });
  }
  if (repeatContact) {
    level = higher(level, 'medium');
    reasons.push({ code: 'repeat-contact', detail: repeatContact });
  }
  if (model) return { level, reasons };
  if (signals.urgent.length > 0) {
    level = higher(level, 'medium');
    reasons.push({ code: 'urgent-language', detail: signals.urgent.join(', ') });
  }
  if (categorization.kind === 'incident') level = higher(level, 'medium');
  // An angry customer is a churn risk: they wait less long before it costs us.
  if (sentiment.frustrated) {
    level = higher(level, 'medium');
    reasons.push({ code: 'frustrated', detail: `sentiment ${sentiment.score} (${sentiment.source})` });
  }
  return { level, reasons };
};
