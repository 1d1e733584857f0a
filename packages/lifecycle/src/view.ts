import type { LifecycleEntry } from '@triage/store';
import { foldTimeline, inOrder } from './timeline.ts';

/** A ticket's lifecycle as the API shows it: its state and every report, in the order they happened. */
export const lifecycleOf = (entries: readonly LifecycleEntry[]) => ({
  state: foldTimeline(entries).standing.state,
  timeline: inOrder(entries).map(({ report, receivedAt }) => ({ report, receivedAt })),
});
