import {
  NEEDS_TRIAGE,
  type Categorization,
  type Escalation,
  type Priority,
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
import type { ModelVerdict } from './model/reading.ts';
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
  /** The customer's other tickets in the policy's repeat-contact window, counted in the store. */
  recentTickets?: number | undefined;
  /** The tenant's model's reading, or why the rules decide alone. */
  model?: ModelVerdict | undefined;
}

const PRIORITY_RANK: Record<Priority, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };
const moreUrgent = (a: Priority, b: Priority): Priority => (PRIORITY_RANK[a] <= PRIORITY_RANK[b] ? a : b);

/**
 * How far a customer's earlier tickets are counted: to 50, or to the policy's repeat-contact count
 * if that is more. Past it the model's feature (log 1 + n) moves little, whereas counting each of a
 * busy customer's tickets cost the database a read per ticket in every escalator call.
 */
export const earlierTicketsCounted = (policy: EscalationPolicy): number => Math.max(50, policy.repeatContact.tickets);

/** Why this ticket is a repeat contact, if it is: the customer's history counts before their words. */
const repeatContactOf = (signals: TextSignals, recentTickets: number | undefined, policy: EscalationPolicy): string | undefined => {
  const { days, tickets } = policy.repeatContact;
  if (recentTickets !== undefined && recentTickets >= tickets) {
    const most = earlierTicketsCounted(policy);
    const counted = recentTickets >= most ? `${most} or more` : String(recentTickets);
    return `${counted} earlier tickets from this customer in ${days} days`;
  }
  return signals.repeatContact ? 'the customer says they asked before' : undefined;
};

/** The least priority a security incident gets: sooner for a VIP or enterprise customer. */
const securityFloor = (ticket: Ticket, policy: EscalationPolicy): Priority =>
  ticket.customer.vip || ticket.customer.tier === 'enterprise' ? policy.security.vipPriority : policy.security.priority;

const languageSuffixOf = (analysis: TextAnalysis, policy: EscalationPolicy): string | undefined => {
  const { language } = analysis;
  if (!language || language.confidence < policy.languages.minConfidence) return undefined;
  return policy.languages.suffixes[language.code];
};

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

  const model = context.model?.reading;
  const repeatContact = repeatContactOf(signals, context.recentTickets, policy);
  const impact = impactOf(ticket, signals, policy);
  const urgency = urgencyOf({ signals, categorization, sentiment, repeatContact, model });
  reasons.push(...(context.model?.reasons ?? []), ...impact.reasons, ...urgency.reasons);

  const majorIncident = isMajorIncident(ticket, signals, policy);
  const security = signals.security.length > 0;
  const matrixPriority = priorityFor(impact.level, urgency.level);
  let priority = majorIncident ? 'P1' : matrixPriority;
  if (majorIncident) reasons.push({ code: 'major-incident', detail: 'outage reported with wide impact' });
  reasons.push({ code: 'priority', detail: `impact ${impact.level} × urgency ${urgency.level} → ${matrixPriority}` });
  if (security && moreUrgent(priority, securityFloor(ticket, policy)) !== priority) {
    priority = securityFloor(ticket, policy);
    reasons.push({ code: 'security-priority', detail: `security incident: at least ${priority}` });
  }

  const needsTriage = categorization.abstained || categorization.category === NEEDS_TRIAGE;
  const lowConfidence = needsTriage || categorization.confidence < policy.routing.lowConfidence;
  if (needsTriage) reasons.push({ code: 'needs-triage', detail: 'categorizer abstained' });
  else if (lowConfidence)
    reasons.push({ code: 'low-confidence-category', detail: `${categorization.category} at ${categorization.confidence}` });
  if (retrieval.solutions.length === 0) reasons.push({ code: 'no-kb-match' });

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
      repeatContact: repeatContact !== undefined,
      lowConfidence,
      complexity,
      security,
      defect: signals.defect.length > 0 ? signals.defect.join(', ') : undefined,
      selfServiceFailed: ticket.deflection !== undefined,
      modelTier2: model?.pTier2 === undefined ? undefined : model.pTier2 >= policy.model.tier2Probability,
      languageSuffix: languageSuffixOf(context.textAnalysis, policy),
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
    ...(model && {
      model: {
        version: model.version,
        pHigh: model.pHigh,
        ...(model.pTier2 !== undefined && { pTier2: model.pTier2 }),
        urgency: model.urgency,
      },
    }),
  };
};
