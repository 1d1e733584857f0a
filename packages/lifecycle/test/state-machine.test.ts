import type { LifecycleReport, LifecycleState } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import { foldTimeline, initialStanding, type Standing, step } from '../src/index.ts';
import { report } from './reports.ts';

/** The standing after these reports, in the order given. */
const after = (...reports: LifecycleReport[]): Standing => {
  const folded = foldTimeline(reports.map((r, seq) => ({ report: r, seq })));
  if (!folded.ok) throw new Error(folded.reason);
  return folded.standing;
};

/** A standing in each state, reached through reports. */
const standings: Record<LifecycleState, () => Standing> = {
  open: () => initialStanding,
  assigned: () => after(report('assigned', 0)),
  escalated: () => after(report('assigned', 0), report('escalated', 1)),
  pending_customer: () => after(report('assigned', 0), report('pending_customer', 1)),
  resolved: () => after(report('assigned', 0), report('resolved', 1)),
  closed: () => after(report('assigned', 0), report('resolved', 1), report('closed', 2)),
};

// Each report type: the state it leads to from each state, or null where it is impossible.
const table: Record<LifecycleReport['type'], Record<LifecycleState, LifecycleState | null>> = {
  assigned: {
    open: 'assigned',
    assigned: 'assigned',
    escalated: 'assigned',
    pending_customer: 'pending_customer',
    resolved: null,
    closed: null,
  },
  first_response: { open: 'open', assigned: 'assigned', escalated: 'escalated', pending_customer: null, resolved: null, closed: null },
  customer_replied: {
    open: 'open',
    assigned: 'assigned',
    escalated: 'escalated',
    pending_customer: 'assigned',
    resolved: 'resolved',
    closed: null,
  },
  pending_customer: {
    open: 'pending_customer',
    assigned: 'pending_customer',
    escalated: 'pending_customer',
    pending_customer: null,
    resolved: null,
    closed: null,
  },
  resumed: { open: null, assigned: null, escalated: null, pending_customer: 'assigned', resolved: null, closed: null },
  escalated: {
    open: 'escalated',
    assigned: 'escalated',
    escalated: 'escalated',
    pending_customer: 'escalated',
    resolved: null,
    closed: null,
  },
  escalation_returned: { open: null, assigned: null, escalated: 'assigned', pending_customer: null, resolved: null, closed: null },
  resolved: { open: 'resolved', assigned: 'resolved', escalated: 'resolved', pending_customer: 'resolved', resolved: null, closed: null },
  reopened: { open: null, assigned: null, escalated: null, pending_customer: null, resolved: 'assigned', closed: null },
  closed: { open: 'closed', assigned: 'closed', escalated: 'closed', pending_customer: 'closed', resolved: 'closed', closed: null },
};

describe('the lifecycle state machine', () => {
  for (const [type, row] of Object.entries(table) as [LifecycleReport['type'], Record<LifecycleState, LifecycleState | null>][]) {
    for (const [from, to] of Object.entries(row) as [LifecycleState, LifecycleState | null][]) {
      it(`${type} in ${from} ${to ? `leads to ${to}` : 'is impossible'}`, () => {
        const result = step(standings[from](), report(type, 10));
        if (to === null) expect(result).toEqual({ ok: false, reason: expect.stringMatching(`^${type} is not possible`) });
        else expect(result).toMatchObject({ ok: true, standing: { state: to } });
      });
    }
  }

  it('allows one first response only', () => {
    const result = step(after(report('first_response', 0)), report('first_response', 1));
    expect(result).toEqual({ ok: false, reason: 'first_response is not possible: the ticket already had its first response' });
  });

  it('sends an escalation back to the tier it came from, and only an open one', () => {
    const escalated = after(
      report('assigned', 0, { tier: 1 }),
      report('escalated', 1, { to: { tier: 3 } }),
      report('assigned', 2, { tier: 3 }),
    );
    expect(escalated).toMatchObject({ state: 'assigned', tier: 3 });
    const returned = step(escalated, report('escalation_returned', 3, { missingFields: ['tried'] }));
    expect(returned).toMatchObject({ ok: true, standing: { state: 'assigned', tier: 1, escalation: undefined } });
    if (!returned.ok) return;
    expect(step(returned.standing, report('escalation_returned', 4)).ok).toBe(false);
  });

  it('resumes a ticket to the state it waited in', () => {
    expect(after(report('escalated', 0), report('pending_customer', 1), report('resumed', 2)).state).toBe('escalated');
    expect(after(report('pending_customer', 0), report('customer_replied', 1)).state).toBe('open');
  });

  it('reopens a ticket nobody was assigned as open', () => {
    expect(after(report('resolved', 0), report('reopened', 1)).state).toBe('open');
  });

  it('keeps the last category, priority and tier the agents set', () => {
    const standing = after(
      report('assigned', 0, { tier: 1, category: 'billing', priority: 'P3' }),
      report('escalated', 1, { to: { team: 'payments' }, priority: 'P2' }),
      report('resolved', 2, { resolvingTier: 2 }),
    );
    expect(standing).toMatchObject({ category: 'billing', priority: 'P2', tier: 2 });
  });
});
