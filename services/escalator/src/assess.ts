import {
  NEEDS_TRIAGE,
  type Categorization,
  type Escalation,
  type Reason,
  type Retrieval,
  type Sentiment,
  type TextAnalysis,
  type TextSignals,
  type Ticket,
} from '@triage/contracts';
import { customerText } from '@triage/signals';
import { complexityOf } from './complexity.ts';
import type { EscalationPolicy } from './policy.ts';
import { impactOf, priorityFor, urgencyOf } from './priority.ts';
import { route } from './routing.ts';
import { slaFor } from './sla.ts';

export interface AssessInput {
  ticket: Ticket;
  categorization: Categorization;
  retrieval: Retrieval;
}

export interface AssessContext {
  policy: EscalationPolicy;
  now: Date;
  /** Both read from the customer's text by the stage, which passes the analysis on with the decision. */
  sentiment: Sentiment;
  textAnalysis: TextAnalysis;
}

const isMajorIncident = (ticket: Ticket, signals: TextSignals, policy: EscalationPolicy): boolean => {
  if (signals.outage.length === 0) return false;
  const users = ticket.affectedUsers ?? 1;
  const { affectedUsers, vipEnterpriseAffectedUsers } = policy.majorIncident;
  const vipEnterprise = ticket.customer.vip && ticket.customer.tier === 'enterprise';
  return users >= affectedUsers || signals.broadScope.length > 0 || (vipEnterprise && users >= vipEnterpriseAffectedUsers);
};

/**
 * Decides priority, tier, queue and SLA from fixed rules over the ticket's facts. The ticket text
 * only ever feeds phrase detectors, so instructions written in it cannot steer the decision.
 */
export const assessTicket = (input: AssessInput, context: AssessContext): Escalation => {
  const { ticket, categorization, retrieval } = input;
  const { policy, sentiment, now } = context;
  const { signals, entities } = context.textAnalysis;
  const reasons: Reason[] = [];

  const impact = impactOf(ticket, signals, policy);
  const urgency = urgencyOf(signals, categorization, sentiment);
  reasons.push(...impact.reasons, ...urgency.reasons);

  const majorIncident = isMajorIncident(ticket, signals, policy);
  const matrixPriority = priorityFor(impact.level, urgency.level);
  const priority = majorIncident ? 'P1' : matrixPriority;
  if (majorIncident) reasons.push({ code: 'major-incident', detail: 'outage reported with wide impact' });
  reasons.push({ code: 'priority', detail: `impact ${impact.level} × urgency ${urgency.level} → ${matrixPriority}` });

  const needsTriage = categorization.abstained || categorization.category === NEEDS_TRIAGE;
  const lowConfidence = needsTriage || categorization.confidence < policy.routing.lowConfidence;
  if (needsTriage) reasons.push({ code: 'needs-triage', detail: 'categorizer abstained' });
  else if (lowConfidence)
    reasons.push({ code: 'low-confidence-category', detail: `${categorization.category} at ${categorization.confidence}` });
  if (retrieval.solutions.length === 0) reasons.push({ code: 'no-kb-match' });
  if (signals.repeatContact) reasons.push({ code: 'repeat-contact' });

  const complexity = complexityOf({
    text: customerText(ticket),
    entities,
    attachments: ticket.attachments.length,
    categorization,
    retrieval,
    lowConfidence,
  });
  const routed = route(
    {
      priority,
      majorIncident,
      needsTriage,
      category: categorization.category,
      selfServeArticle: retrieval.selfServe ? retrieval.solutions[0]?.articleId : undefined,
      outage: signals.outage.length > 0,
      vip: ticket.customer.vip,
      frustrated: sentiment.frustrated,
      repeatContact: signals.repeatContact,
      lowConfidence,
      complexity,
    },
    policy,
  );
  reasons.push(...routed.reasons);

  const { sla, reason: slaReason } = slaFor(ticket, priority, policy);
  reasons.push(slaReason);
  if (now.getTime() > Date.parse(sla.firstResponseDueAt))
    reasons.push({ code: 'first-response-overdue', detail: `due ${sla.firstResponseDueAt}` });
  if (signals.instructionLike) reasons.push({ code: 'instruction-like-text', detail: 'ticket text addresses the router; ignored' });

  return {
    priority,
    impact: impact.level,
    urgency: urgency.level,
    tier: routed.tier,
    queue: routed.queue,
    majorIncident,
    sentiment,
    complexity,
    sla,
    reasons,
  };
};
