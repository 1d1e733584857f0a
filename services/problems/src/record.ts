import type { ProblemRecord } from '@triage/contracts';
import type { ProblemTicket } from '@triage/store';

const SHOWN = 5;
// Sentences that say how to get there: triggers, steps and conditions.
const HINT = /\b(?:when(?:ever)?|after|every time|steps?|if (?:i|we|you)|trying to|tried to|only (?:on|in|with|for)|since)\b/i;
const SENTENCE = /[^.!?\n]+[.!?]?/g;

/** Values by how many members name them (case aside), most first, in their first spelling. */
const byFrequency = (lists: string[][]): { value: string; count: number }[] => {
  const counts = new Map<string, { value: string; count: number }>();
  for (const list of lists) {
    for (const value of new Set(list)) {
      const key = value.toLowerCase();
      const entry = counts.get(key) ?? { value, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
};

/** The error strings at least two members share: the group's fault as they quote it. */
export const commonErrors = (members: ProblemTicket[]): string[] =>
  byFrequency(members.map((m) => m.errorStrings))
    .filter((e) => e.count >= 2)
    .map((e) => e.value);

const customersOf = (members: { customerId: string }[]) => [...new Set(members.map((m) => m.customerId))].sort();

const memberOf = (m: ProblemTicket): ProblemRecord['members'][number] => ({
  ticketId: m.ticketId,
  customerId: m.customerId,
  routedAt: m.routedAt,
  link: `/v1/tickets/${encodeURIComponent(m.ticketId)}`,
  ...(m.resolvedAt ? { resolvedAt: m.resolvedAt } : {}),
});

const impactOf = (tickets: number, customers: number) => `${tickets} tickets from ${customers} customers`;

/** A new problem record from the tickets that opened it, oldest first. */
export const openRecord = (problemId: string, members: ProblemTicket[]): ProblemRecord => {
  const errors = commonErrors(members);
  const versions = byFrequency(members.map((m) => m.versions)).map((v) => v.value);
  const subjects = byFrequency(members.map((m) => [m.subject]));
  const productArea = byFrequency(members.map((m) => [m.productArea]))[0]!.value;
  const customers = customersOf(members);
  const times = members.map((m) => m.routedAt).sort();
  const what = errors[0] ? `"${errors[0]}"` : subjects[0]!.value;
  const title = `${productArea}: ${what} (${customers.length} customers)`;
  const hints = byFrequency(members.map((m) => (m.excerpt.match(SENTENCE) ?? []).map((s) => s.trim()).filter((s) => HINT.test(s))));
  return {
    problemId,
    state: 'open',
    change: 'opened',
    title,
    category: members[0]!.category,
    productArea,
    ticketCount: members.length,
    affectedCustomers: { count: customers.length, ids: customers },
    errorMessages: errors.slice(0, SHOWN),
    versions: versions.slice(0, SHOWN),
    sampleTickets: members.slice(0, SHOWN).map((m) => ({ ticketId: m.ticketId, subject: m.subject, excerpt: m.excerpt })),
    bugReport: {
      title,
      symptoms: subjects.slice(0, SHOWN).map((s) => s.value),
      reproductionHints: hints.slice(0, SHOWN).map((h) => h.value),
      errorMessages: errors.slice(0, SHOWN),
      versions: versions.slice(0, SHOWN),
      firstSeen: times[0]!,
      lastSeen: times.at(-1)!,
      impact: impactOf(members.length, customers.length),
    },
    members: members.map(memberOf),
    openedAt: times.at(-1)!,
  };
};

/** The record with one more member. */
export const joinRecord = (record: ProblemRecord, member: ProblemTicket): ProblemRecord => {
  const members = [...record.members, memberOf(member)];
  const customers = customersOf(members);
  const versions = byFrequency([record.versions, member.versions])
    .map((v) => v.value)
    .slice(0, SHOWN);
  // ISO times of one zone sort as text.
  const seen = [record.bugReport.firstSeen, record.bugReport.lastSeen, member.routedAt].sort();
  return {
    ...record,
    change: 'joined',
    ticketCount: members.length,
    affectedCustomers: { count: customers.length, ids: customers },
    versions,
    bugReport: {
      ...record.bugReport,
      versions,
      firstSeen: seen[0]!,
      lastSeen: seen[2]!,
      impact: impactOf(members.length, customers.length),
    },
    members,
  };
};

/** The record once a member is resolved; `resolves` when that settles the problem. */
export const memberResolvedRecord = (
  record: ProblemRecord,
  resolution: { ticketId: string; at: string; notes?: string | undefined },
  resolves: boolean,
): ProblemRecord => {
  const members = record.members.map((m) => (m.ticketId === resolution.ticketId ? { ...m, resolvedAt: resolution.at } : m));
  if (!resolves) return { ...record, members };
  return {
    ...record,
    members,
    state: 'resolved',
    change: 'resolved',
    resolvedAt: resolution.at,
    ...(resolution.notes ? { resolution: resolution.notes } : {}),
  };
};
