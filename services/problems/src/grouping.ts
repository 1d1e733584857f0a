import type { ProblemRecord } from '@triage/contracts';
import type { ProblemNeighbourhood, ProblemTicket, Similar, StoredProblem } from '@triage/store';
import type { ProblemThresholds } from './config.ts';
import { commonErrors, joinRecord, openRecord } from './record.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export type ProblemChange = { problem: StoredProblem<ProblemRecord>; members: string[] };

const sharesError = (a: string[], b: string[]): boolean => {
  const mine = new Set(a.map((s) => s.toLowerCase()));
  return b.some((s) => mine.has(s.toLowerCase()));
};

/**
 * Two tickets report one fault when their vectors are near and they quote the same error, or, for
 * reports that quote none, when they are nearly the same text in the same category. Near words
 * alone (an export question beside an export failure) are not enough.
 */
const sameFault = (
  ticket: ProblemTicket,
  other: { similarity: number; category: string; errors: string[] },
  t: ProblemThresholds,
): boolean =>
  other.similarity >= t.minSimilarity &&
  (sharesError(ticket.errorStrings, other.errors) || (other.similarity >= t.strongSimilarity && other.category === ticket.category));

/** Whether the category's tickets in the window run far above its usual rate (once a day of history exists). */
const surging = ({ categoryCounts: c }: ProblemNeighbourhood<ProblemRecord>, t: ProblemThresholds): boolean => {
  if (c.historySinceMs < DAY_MS) return false;
  const usualPerWindow = (c.history * t.windowMinutes * MINUTE_MS) / c.historySinceMs;
  return c.inWindow >= t.rateFactor * Math.max(usualPerWindow, 1);
};

/**
 * What one routed ticket changes: it joins the open problem it matches, or, with the window's
 * unassigned tickets of the same fault, opens one when the group passes the tenant's thresholds.
 */
export const decideProblem = (
  ticket: ProblemTicket,
  hood: ProblemNeighbourhood<ProblemRecord>,
  t: ProblemThresholds,
): ProblemChange | undefined => {
  if (hood.seen) return undefined;
  const open = hood.open.find((p: Similar<StoredProblem<ProblemRecord>>) =>
    sameFault(ticket, { similarity: p.similarity, category: p.category, errors: p.signature }, t),
  );
  if (open) {
    return { problem: { ...open, record: joinRecord(open.record, ticket) }, members: [ticket.ticketId] };
  }
  const group = [
    ...hood.candidates.filter((c) => sameFault(ticket, { similarity: c.similarity, category: c.category, errors: c.errorStrings }, t)),
    ticket,
  ].sort((a, b) => a.routedAt.localeCompare(b.routedAt) || a.ticketId.localeCompare(b.ticketId));
  const customers = new Set(group.map((m) => m.customerId)).size;
  if (group.length < t.minTickets || (customers < t.minCustomers && !surging(hood, t))) return undefined;
  const problemId = `prb-${ticket.ticketId}`;
  const record = openRecord(problemId, group);
  return {
    problem: { id: problemId, state: 'open', category: ticket.category, signature: commonErrors(group), record },
    members: group.map((m) => m.ticketId),
  };
};
