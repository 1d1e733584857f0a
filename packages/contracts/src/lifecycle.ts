import { z } from 'zod';
import { HandoffPacket, Priority } from './decisions.ts';
import { storableText } from './storable-text.ts';

/** A support tier, 0 (self-service) to 3 (engineering), as the escalator's `tier`. */
const Tier = z.number().int().min(0).max(3);
const Name = (description: string) => storableText().trim().min(1).max(200).describe(description);
const Note = (description: string) => storableText().max(5_000).describe(description);

/** Where a routed ticket stands in the helpdesk. */
export const LifecycleState = z
  .enum(['open', 'assigned', 'escalated', 'pending_customer', 'resolved', 'closed'])
  .describe(
    'open: routed, nobody has it yet; assigned: an agent or queue works it; escalated: handed to another tier or team; ' +
      'pending_customer: waiting on the customer (SLA clocks pause); resolved: solved, may reopen; closed: final.',
  );

/** Fields every report has: its own id (the idempotency key) and when it happened in the helpdesk. */
const reportOf = <T extends string, S extends z.ZodRawShape>(type: T, description: string, shape: S) =>
  z
    .strictObject({
      type: z.literal(type),
      id: Name("The report's own id, unique per tenant: a report sent again with it is a duplicate, answered as the first time."),
      occurredAt: z.iso
        .datetime({ offset: true })
        .describe(
          'When it happened in the helpdesk. Reports are placed on the timeline by this time, so late ones land where they belong.',
        ),
      category: storableText()
        .min(1)
        .max(100)
        .optional()
        .describe("The category the agent set, when it differs from Triage's it becomes a labeled example for the next model."),
      priority: Priority.optional().describe(
        'The priority the agent set; the last one set is the outcome the escalation model learns from.',
      ),
      ...shape,
    })
    .describe(description);

export const Assigned = reportOf('assigned', 'The ticket was assigned (or reassigned) to a queue, tier and possibly an agent.', {
  queue: Name('The queue that works the ticket.'),
  tier: Tier.describe('The support tier of that queue.'),
  agent: Name('The agent who took it, if one did.').optional(),
});
export const FirstResponse = reportOf('first_response', 'A human answered the customer for the first time.', {
  agent: Name('Who answered.').optional(),
});
export const CustomerReplied = reportOf('customer_replied', 'The customer wrote back; a ticket waiting on them resumes.', {});
export const PendingCustomer = reportOf('pending_customer', 'The ticket waits on the customer; SLA clocks pause.', {
  reason: Note('What the customer was asked for.').optional(),
});
export const Resumed = reportOf('resumed', 'The ticket stops waiting on the customer.', {});
export const Escalated = reportOf('escalated', 'The ticket was handed to another tier or team.', {
  to: z
    .strictObject({
      tier: Tier.optional().describe('The tier it went to.'),
      team: Name('The team it went to.').optional(),
    })
    .refine((to) => to.tier !== undefined || to.team !== undefined, 'name the tier or the team (or both)')
    .describe('Where it went: a tier, a team, or both.'),
  direction: z
    .enum(['functional', 'hierarchical'])
    .describe('functional: to a team with other skills; hierarchical: up the chain (a manager, a higher tier).'),
  by: Name('Who escalated it.'),
  reason: Note('Why.').optional(),
});
export const EscalationReturned = reportOf('escalation_returned', 'The receiving team sent the escalation back to the sender.', {
  missingFields: z
    .array(HandoffPacket.keyof())
    .max(20)
    .describe('The handoff packet fields that were missing or not good enough; empty when the reason lies elsewhere.'),
  comment: Note('What the receiving team said.').optional(),
  by: Name('Who sent it back.').optional(),
});
export const Resolved = reportOf('resolved', 'The ticket was solved.', {
  notes: Note('The resolution notes.'),
  resolvingTier: Tier.describe('The tier that solved it.'),
  kbArticleId: Name('The knowledge-base article used, if any.').optional(),
  agent: Name('Who solved it.').optional(),
});
export const Reopened = reportOf('reopened', 'A resolved ticket was opened again.', {
  reason: Note('Why.').optional(),
});
export const Closed = reportOf('closed', 'The ticket was closed; nothing can happen to it afterwards.', {
  csat: z.number().int().min(1).max(5).optional().describe("The customer's satisfaction, 1 (worst) to 5 (best), if they gave it."),
  csatComment: Note("The customer's comment with it.").optional(),
});

/** What a helpdesk reports about a routed ticket, over HTTP or on `tickets.lifecycle`. */
export const LifecycleReport = z
  .discriminatedUnion('type', [
    Assigned,
    FirstResponse,
    CustomerReplied,
    PendingCustomer,
    Resumed,
    Escalated,
    EscalationReturned,
    Resolved,
    Reopened,
    Closed,
  ])
  .describe('One thing that happened to a routed ticket in the helpdesk.');

/** A report Triage applied to a ticket's timeline: published on `tickets.lifecycle-applied`. */
export const LifecycleApplied = z.strictObject({
  ticketId: z.string().min(1),
  report: LifecycleReport,
  previousState: LifecycleState.describe("The ticket's state before this report."),
  state: LifecycleState.describe("The ticket's state with it: the last state of its timeline, ordered by occurredAt."),
  late: z.boolean().describe('The report happened before reports already applied, and was placed before them.'),
});

export type LifecycleState = z.infer<typeof LifecycleState>;
export type LifecycleReport = z.infer<typeof LifecycleReport>;
export type LifecycleReportType = LifecycleReport['type'];
export type LifecycleApplied = z.infer<typeof LifecycleApplied>;
