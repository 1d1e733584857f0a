import type { LifecycleApplied, LifecycleState } from '@triage/contracts';
import type { SlaDeadline } from '@triage/store';
import { meet, pause, reopen, resume } from './deadlines.ts';
import type { SlaPolicy } from './policy.ts';

const waiting = (state: LifecycleState) => state === 'pending_customer';
const finished = (state: LifecycleState) => state === 'resolved' || state === 'closed';

/**
 * What one applied lifecycle report does to a ticket's deadlines; only the rows it changed come
 * back. It reads the ticket's state before and after the report, which the lifecycle has already
 * placed on the timeline by time, so a late report changes the clocks only if it changed the state.
 */
export const applyLifecycle = (deadlines: SlaDeadline[], applied: LifecycleApplied, now: Date, policy: SlaPolicy): SlaDeadline[] => {
  const { report, previousState, state } = applied;
  // A helpdesk clock running ahead cannot stop or restart ours in the future.
  const at = new Date(Math.min(Date.parse(report.occurredAt), now.getTime()));
  const steps: ((d: SlaDeadline) => SlaDeadline)[] = [
    (d) => (report.type === 'first_response' && d.kind === 'first_response' ? meet(d) : d),
    // A resolution answers the customer too: it settles both clocks.
    (d) => (finished(state) && !finished(previousState) ? meet(d) : d),
    (d) => (report.type === 'reopened' && d.kind === 'resolution' ? reopen(d, at, policy) : d),
    (d) => (waiting(state) && !waiting(previousState) ? pause(d, at, policy) : d),
    (d) => (waiting(previousState) && !waiting(state) ? resume(d, at, policy) : d),
  ];
  return deadlines.flatMap((deadline) => {
    const changed = steps.reduce((d, step) => step(d), deadline);
    return changed === deadline ? [] : [changed];
  });
};
