import { describe, expect, it } from 'vitest';
import { SlaCalendars } from '@triage/business-time';
import type { ProblemRecord } from '@triage/contracts';
import type { ProblemView } from '@triage/store';
import { opsHistory } from '../src/ops/history.ts';
import { periodOf } from '../src/ops/period.ts';
import { problemsPanel } from '../src/ops/period-panels.ts';

const NOW = Date.parse('2025-03-07T15:00:00.000Z');
const view = {
  tenant: 'acme',
  now: NOW,
  history: opsHistory(
    { tickets: [], truncated: false },
    { tenantId: 'acme', calendars: SlaCalendars.parse({}), period: periodOf('7d', NOW), now: NOW },
  ),
};

const member = (ticketId: string) => ({
  ticketId,
  customerId: `c-${ticketId}`,
  category: 'software',
  productArea: 'checkout',
  subject: `Checkout fails <${ticketId}>`,
  errorStrings: [],
  versions: [],
  excerpt: '',
  routedAt: '2025-03-06T10:00:00.000Z',
});

const problem = (members: string[]): ProblemView<ProblemRecord> => ({
  id: 'prb-1',
  state: 'open',
  category: 'software',
  signature: ['E503'],
  openedAt: '2025-03-06T10:00:00.000Z',
  updatedAt: '2025-03-06T11:00:00.000Z',
  members: members.map(member),
  record: {
    title: 'Checkout answers 503',
    productArea: 'checkout',
    ticketCount: members.length,
    affectedCustomers: { count: members.length, ids: [] },
  } as unknown as ProblemRecord,
});

describe('the problems panel', () => {
  it('links each open problem to the tickets behind it, escaped, five at most', () => {
    const page = String(problemsPanel(view, [problem(['t1', 't2', 't3', 't4', 't5', 't6', 't7'])]));
    expect(page).toContain('Checkout answers 503');
    expect(page.match(/href="\/ops\/tickets\/t\d\?tenant=acme"/g)).toHaveLength(5);
    expect(page).toContain('Checkout fails &lt;t1&gt;');
    expect(page).toContain('and 2 more');
  });

  it('says when there is none', () => {
    expect(String(problemsPanel(view, []))).toContain('No open problem.');
  });
});
