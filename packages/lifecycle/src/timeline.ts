import { isDeepStrictEqual } from 'node:util';
import type { LifecycleApplied, LifecycleReport, LifecycleState } from '@triage/contracts';
import { initialStanding, type Standing, step } from './state-machine.ts';

/** A report with its place in the order of arrival. */
export interface Arrived {
  report: LifecycleReport;
  seq: number;
}

const time = (report: LifecycleReport): number => Date.parse(report.occurredAt);

/** The timeline's order: when each report happened, and for reports that happened at once, when it arrived. */
export const inOrder = <T extends Arrived>(entries: readonly T[]): T[] =>
  entries.toSorted((a, b) => time(a.report) - time(b.report) || a.seq - b.seq);

export type Fold = { ok: true; standing: Standing } | { ok: false; standing: Standing; reportId: string; reason: string };

/** The ticket's standing after its timeline, or the first report the timeline makes impossible. */
export const foldTimeline = (entries: readonly Arrived[]): Fold => {
  let standing = initialStanding;
  for (const { report } of inOrder(entries)) {
    const next = step(standing, report);
    if (!next.ok) return { ok: false, standing, reportId: report.id, reason: next.reason };
    standing = next.standing;
  }
  return { ok: true, standing };
};

export interface ReportResult {
  id: string;
  result: 'applied' | 'duplicate';
}

/** A report the timeline took: the change published on `tickets.lifecycle-applied`. */
export type Change = Omit<LifecycleApplied, 'ticketId'>;

export type Decision =
  | {
      accepted: true;
      results: ReportResult[];
      changes: Change[];
      standing: Standing;
      /** The timeline grown by the changes: what the ticket's next decision starts from. */
      timeline: Arrived[];
    }
  | {
      accepted: false;
      /** The refused report. */
      reportId: string;
      reason: string;
      /** The ticket's state, which the refused request left as it was. */
      state: LifecycleState;
    };

/**
 * Places each report of a request on the timeline by when it happened, all or none: a report whose
 * id the timeline already holds is a duplicate (the same answer as the first time); a report that
 * makes the timeline impossible, where it lands or at any later report, refuses the whole request.
 */
export const decide = (timeline: readonly Arrived[], reports: readonly LifecycleReport[]): Decision => {
  const current = foldTimeline(timeline);
  // Stored timelines were each checked when they grew, so this is a defect, not bad input.
  if (!current.ok) throw new Error(`the stored timeline is impossible at report ${current.reportId}: ${current.reason}`);
  const refuse = (reportId: string, reason: string): Decision => ({ accepted: false, reportId, reason, state: current.standing.state });

  let entries = [...timeline];
  let standing = current.standing;
  let nextSeq = Math.max(0, ...timeline.map((e) => e.seq)) + 1;
  const results: ReportResult[] = [];
  const changes: Change[] = [];
  for (const report of reports) {
    const earlier = entries.find((e) => e.report.id === report.id);
    if (earlier) {
      if (!isDeepStrictEqual(earlier.report, report))
        return refuse(report.id, `report id ${report.id} was already used for a different report`);
      results.push({ id: report.id, result: 'duplicate' });
      continue;
    }
    const grown = [...entries, { report, seq: nextSeq++ }];
    const folded = foldTimeline(grown);
    if (!folded.ok) {
      const where =
        folded.reportId === report.id ? '' : `placed by its occurredAt, it makes the later report ${folded.reportId} impossible: `;
      return refuse(report.id, `${where}${folded.reason}`);
    }
    changes.push({
      report,
      previousState: standing.state,
      state: folded.standing.state,
      late: entries.some((e) => time(e.report) > time(report)),
    });
    results.push({ id: report.id, result: 'applied' });
    entries = grown;
    standing = folded.standing;
  }
  return { accepted: true, results, changes, standing, timeline: entries };
};
