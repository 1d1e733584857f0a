import type { Level, Priority } from '@triage/contracts';
import type { EscalationOutcomeRow } from '@triage/store';

const URGENCY_OF_PRIORITY: Record<Priority, Level> = { P1: 'high', P2: 'high', P3: 'medium', P4: 'low' };
const RAISED: Record<Level, Level> = { low: 'medium', medium: 'high', high: 'high' };

export const urgencyOfPriority = (priority: Priority): Level => URGENCY_OF_PRIORITY[priority];

/** A breached SLA says the ticket was more urgent than it was treated: one level up. */
export const raisedIfBreached = (urgency: Level, breached: boolean): Level => (breached ? RAISED[urgency] : urgency);

/**
 * The labels a reported outcome teaches. Priority and tier are what the agents set, or, when they
 * left them, what the escalator decided and they kept; a breach raises the urgency a level, and a
 * reopened ticket needed more than the first line gave it.
 */
export const outcomeLabels = (row: EscalationOutcomeRow): { urgency: Level; needsTier2: boolean } => ({
  urgency: raisedIfBreached(urgencyOfPriority(row.agentPriority ?? row.assessed.priority), row.breached),
  needsTier2: (row.agentTier ?? row.assessed.tier) >= 2 || row.reopened,
});
