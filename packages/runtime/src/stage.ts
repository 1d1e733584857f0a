import type { EventOf, Topic } from '@triage/contracts';
import type { BatchHandler, Delivery, Outgoing } from '@triage/bus';
import type { Store } from '@triage/store';

export interface StageSpec<In extends Topic, D> {
  /** Stage name; with the ticket id it is the dedupe key and names the decision in the ticket's record. */
  stage: string;
  store: Store;
  /** Computes the stage's decision for a batch of tickets at once (batching matters for models). */
  decide(events: EventOf<In>[]): Promise<D[]>;
  /** Turns the recorded decision into the events to publish; must be deterministic. */
  emit(event: EventOf<In>, decision: D): Outgoing[];
}

/**
 * Wraps a stage's logic with the pipeline's delivery rules: each ticket's decision is recorded
 * once per stage, and a redelivered ticket re-emits the recorded decision rather than a new one,
 * so downstream sees the same event (same id) and never a second, different verdict.
 */
export const createStageHandler = <In extends Topic, D>(spec: StageSpec<In, D>): BatchHandler<In> =>
  async (batch: Delivery<In>[]) => {
    const events = batch.map((d) => d.event);
    const decisions = await spec.decide(events);
    const out: Outgoing[] = [];
    for (const [i, event] of events.entries()) {
      const { output } = await spec.store.tickets.recordStage(event.tenantId, event.key, spec.stage, decisions[i]!);
      out.push(...spec.emit(event, output));
    }
    return out;
  };
