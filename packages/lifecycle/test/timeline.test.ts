import type { LifecycleReport } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import { type Arrived, decide, foldTimeline, inOrder } from '../src/index.ts';
import { report } from './reports.ts';

const arrived = (...reports: LifecycleReport[]): Arrived[] => reports.map((r, i) => ({ report: r, seq: i + 1 }));

describe('the timeline', () => {
  it('orders reports by when they happened, and those that happened at once by arrival', () => {
    const [a, b, c] = [report('assigned', 5), report('first_response', 1), report('customer_replied', 5)];
    expect(inOrder(arrived(a, b, c)).map((e) => e.report)).toEqual([b, a, c]);
  });

  it('places a late report where it happened and says it was late', () => {
    const timeline = arrived(report('assigned', 0), report('resolved', 30));
    const late = report('first_response', 10);
    const decision = decide(timeline, [late]);
    expect(decision).toMatchObject({
      accepted: true,
      results: [{ id: late.id, result: 'applied' }],
      changes: [{ report: late, previousState: 'resolved', state: 'resolved', late: true }],
    });
  });

  it('refuses a late report that makes an applied later one impossible, naming both', () => {
    const resumed = report('resumed', 20);
    const timeline = arrived(report('assigned', 0), report('pending_customer', 10), resumed);
    // Closed at minute 15, it would leave nothing to resume at minute 20.
    const decision = decide(timeline, [report('closed', 15, {}, 'closing')]);
    expect(decision).toEqual({
      accepted: false,
      reportId: 'closing',
      reason: `placed by its occurredAt, it makes the later report ${resumed.id} impossible: resumed is not possible when the ticket is closed`,
      state: 'assigned',
    });
  });

  it('refuses an impossible report with the current state', () => {
    const timeline = arrived(report('resolved', 0), report('closed', 1));
    const decision = decide(timeline, [report('first_response', 2, {}, 'late-answer')]);
    expect(decision).toEqual({
      accepted: false,
      reportId: 'late-answer',
      reason: 'first_response is not possible when the ticket is closed',
      state: 'closed',
    });
  });

  it('answers a duplicate as applied before and changes nothing', () => {
    const first = report('assigned', 0);
    const decision = decide(arrived(first), [first, report('first_response', 1)]);
    expect(decision).toMatchObject({ accepted: true, results: [{ id: first.id, result: 'duplicate' }, { result: 'applied' }] });
    if (decision.accepted) expect(decision.changes.map((c) => c.report.type)).toEqual(['first_response']);
  });

  it('treats a repeat inside one request as a duplicate too', () => {
    const once = report('assigned', 0);
    expect(decide([], [once, once])).toMatchObject({ results: [{ result: 'applied' }, { result: 'duplicate' }] });
  });

  it('refuses a reused id that names a different report', () => {
    const first = report('assigned', 0, {}, 'same');
    const decision = decide(arrived(first), [report('assigned', 0, { queue: 'other' }, 'same')]);
    expect(decision).toMatchObject({ accepted: false, reportId: 'same', reason: 'report id same was already used for a different report' });
  });

  it('applies all of a request or none of it', () => {
    const decision = decide([], [report('assigned', 0), report('resumed', 1, {}, 'bad')]);
    expect(decision).toMatchObject({ accepted: false, reportId: 'bad', state: 'open' });
  });

  it('applies a request whose reports come out of order', () => {
    const decision = decide([], [report('resolved', 20), report('assigned', 0), report('closed', 30)]);
    expect(decision).toMatchObject({ accepted: true, standing: { state: 'closed' } });
    if (decision.accepted)
      expect(decision.changes.map((c) => [c.report.type, c.state, c.late])).toEqual([
        ['resolved', 'resolved', false],
        ['assigned', 'resolved', true],
        ['closed', 'closed', false],
      ]);
  });

  it('reaches the same state whatever order the reports arrive in', () => {
    const reports = [report('assigned', 0), report('pending_customer', 5), report('customer_replied', 9), report('resolved', 12)];
    const forward = foldTimeline(arrived(...reports));
    const backward = foldTimeline(arrived(...reports.toReversed()));
    expect(forward).toMatchObject({ ok: true, standing: { state: 'resolved' } });
    expect(backward).toEqual(forward);
  });
});
