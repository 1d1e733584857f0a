import { describe, expect, it } from 'vitest';
import type { ProblemRecord } from '@triage/contracts';
import type { ProblemNeighbourhood, ProblemTicket, Similar } from '@triage/store';
import type { ProblemThresholds } from '../src/config.ts';
import { decideProblem } from '../src/grouping.ts';
import { errorStringsOf } from '../src/ticket-reading.ts';

const thresholds: ProblemThresholds = {
  minTickets: 5,
  minCustomers: 3,
  windowMinutes: 30,
  rateFactor: 5,
  minSimilarity: 0.55,
  strongSimilarity: 0.8,
};

let n = 0;
const ticket = (customerId: string, errorStrings: string[], extra: Partial<ProblemTicket> = {}): ProblemTicket => ({
  ticketId: `t${++n}`,
  customerId,
  category: 'software',
  productArea: 'reporting',
  subject: 'CSV export fails',
  errorStrings,
  versions: ['5.2.0'],
  excerpt: 'When I click Export the spinner runs and then it fails. It worked yesterday.',
  routedAt: new Date(Date.UTC(2026, 0, 1, 9, n)).toISOString(),
  ...extra,
});
const similar = (t: ProblemTicket, similarity: number): Similar<ProblemTicket> => ({ ...t, similarity });
const hood = (
  candidates: Similar<ProblemTicket>[],
  extra: Partial<ProblemNeighbourhood<ProblemRecord>> = {},
): ProblemNeighbourhood<ProblemRecord> => ({
  seen: false,
  candidates,
  open: [],
  categoryCounts: { inWindow: candidates.length + 1, history: 0, historySinceMs: 0 },
  ...extra,
});
const CODE = ['E_EXPORT_5003'];

describe('decideProblem', () => {
  it('opens a problem when reports of one error reach 5 tickets from 3 customers', () => {
    const before = ['a', 'b', 'c', 'a'].map((c) => similar(ticket(c, CODE), 0.7));
    const change = decideProblem(ticket('b', CODE), hood(before), thresholds)!;
    expect(change.members).toHaveLength(5);
    expect(change.problem.signature).toEqual(CODE);
    expect(change.problem.record).toMatchObject({
      change: 'opened',
      ticketCount: 5,
      affectedCustomers: { count: 3, ids: ['a', 'b', 'c'] },
    });
    expect(change.problem.record.bugReport.reproductionHints).toEqual(['When I click Export the spinner runs and then it fails.']);
    expect(change.problem.record.title).toBe('reporting: "E_EXPORT_5003" (3 customers)');
  });

  it('does not open one for four tickets, or for five from two customers in a category at its usual rate', () => {
    const four = ['a', 'b', 'c'].map((c) => similar(ticket(c, CODE), 0.7));
    expect(decideProblem(ticket('a', CODE), hood(four), thresholds)).toBeUndefined();
    const twoCustomers = ['a', 'b', 'a', 'b'].map((c) => similar(ticket(c, CODE), 0.7));
    const usual = { inWindow: 5, history: 5 * 7 * 48, historySinceMs: 7 * 86_400_000 };
    expect(decideProblem(ticket('a', CODE), hood(twoCustomers, { categoryCounts: usual }), thresholds)).toBeUndefined();
    // The same group while the category runs far above its usual rate does.
    const surge = { inWindow: 40, history: 7 * 48, historySinceMs: 7 * 86_400_000 };
    expect(decideProblem(ticket('a', CODE), hood(twoCustomers, { categoryCounts: surge }), thresholds)?.members).toHaveLength(5);
  });

  it('leaves out near-misses: similar words without the error, or another error', () => {
    const nearMisses = [
      similar(ticket('a', []), 0.7),
      similar(ticket('b', ['E_IMPORT_4102']), 0.75),
      similar(ticket('c', []), 0.78),
      similar(ticket('d', ['Upload timed out']), 0.6),
    ];
    expect(decideProblem(ticket('e', CODE), hood(nearMisses), thresholds)).toBeUndefined();
  });

  it('groups reports that quote no error only when nearly the same text of one category', () => {
    const paraphrases = ['a', 'b', 'c', 'd'].map((c) => similar(ticket(c, []), 0.85));
    expect(decideProblem(ticket('e', []), hood(paraphrases), thresholds)?.members).toHaveLength(5);
    const otherCategory = paraphrases.map((p) => ({ ...p, category: 'billing' }));
    expect(decideProblem(ticket('e', []), hood(otherCategory), thresholds)).toBeUndefined();
  });

  it('adds a matching ticket to the open problem, and nothing for a ticket seen before', () => {
    const opened = decideProblem(ticket('b', CODE), hood(['a', 'b', 'c', 'a'].map((c) => similar(ticket(c, CODE), 0.7))), thresholds)!;
    const open = [{ ...opened.problem, similarity: 0.72 }];
    const late = ticket('z', ['e_export_5003'], { versions: ['5.2.1'] });
    const joined = decideProblem(late, hood([], { open }), thresholds)!;
    expect(joined.members).toEqual([late.ticketId]);
    expect(joined.problem.record).toMatchObject({ change: 'joined', ticketCount: 6, affectedCustomers: { count: 4 } });
    expect(joined.problem.record.versions).toEqual(['5.2.0', '5.2.1']);
    expect(joined.problem.record.bugReport.lastSeen).toBe(late.routedAt);
    expect(decideProblem(late, hood([], { open, seen: true }), thresholds)).toBeUndefined();
  });
});

describe('errorStringsOf', () => {
  it('reads codes, exceptions and quoted messages, not apostrophes or bare HTTP statuses', () => {
    const text = `I can't export: the error says "Report generation timed out" (E_EXPORT_5003), then java.io.IOException. Also HTTP 500.`;
    const strings = errorStringsOf(text);
    expect(strings).toEqual(expect.arrayContaining(['E_EXPORT_5003', 'Report generation timed out']));
    expect(strings.some((s) => s.includes('IOException'))).toBe(true);
    expect(strings).not.toContain('500');
    expect(strings.some((s) => s.startsWith('t export'))).toBe(false);
  });
});
