import { createEvent, type Envelope, type EventOf, type PayloadOf, type PipelineStage, type Topic } from '@triage/contracts';
import { traceparentFor } from '@triage/metrics';
import { REPLAY_OF_HEADER, type BatchHandler, type Delivery, type Outgoing } from '@triage/bus';
import type { RecordedStage, Store, TicketVectorInput } from '@triage/store';
import { nameBasedUuid } from './ids.ts';
import type { Worker } from './worker.ts';

export interface StageSpec<In extends Topic, D> {
  /** Stage name; with the ticket id it is the dedupe key and names the decision in the ticket's record. */
  stage: PipelineStage;
  store: Store;
  /** Computes the stage's decision for a batch of tickets at once (batching matters for models). */
  decide(events: EventOf<In>[]): Promise<D[]>;
  /** Turns the recorded decision into the events to publish; must be deterministic. */
  emit(event: EventOf<In>, decision: D): Outgoing[];
  /**
   * The ticket's vector, stored in the transaction that records the decision (before any later
   * stage can look it up); a ticket that has one keeps its first.
   */
  vector?(event: EventOf<In>, decision: D): TicketVectorInput;
  /**
   * Who reads what the stage emits. `next-stage`: only the next stage, which emits nothing for a
   * ticket it already decided, and observers, which skip event ids they have seen; so the outputs
   * are published at least once, without a Kafka transaction per batch (see
   * `SubscribeOptions.atLeastOnce`). `outside`: consumers beyond the pipeline, such as helpdesks,
   * which must get each event once: outputs and offsets are committed in one transaction.
   */
  readers: 'next-stage' | 'outside';
}

/**
 * Wraps a stage's logic with the pipeline's delivery rules. Each ticket's decision is recorded once
 * per stage together with the delivery (topic/partition/offset) that made it:
 * - the same delivery again means its batch was never committed, so the recorded decision is
 *   emitted again (same event id), never a second, different verdict;
 * - another delivery of an already decided ticket is a duplicate input (a relay or a stage that
 *   crashed after publishing): its output already went out, so nothing is emitted.
 * A replayed dead letter counts as the delivery that failed: a decision recorded before its outputs
 * failed (an output the contract refused, say) is emitted once the stage is fixed, and if that
 * delivery's outputs did go out on a redelivery, the next stage drops the repeat.
 */
export const createStageHandler =
  <In extends Topic, D>(spec: Omit<StageSpec<In, D>, 'readers'>): BatchHandler<In> =>
  async (batch: Delivery<In>[]) => {
    const decisions = await spec.decide(batch.map((d) => d.event));
    const sources = batch.map(({ topic, partition, offset, headers }) => headers[REPLAY_OF_HEADER] ?? `${topic}/${partition}/${offset}`);
    // One set-based write per tenant in the batch (the vectors with it), not one transaction per ticket.
    const byTenant = Map.groupBy(batch.keys(), (i) => batch[i]!.event.tenantId);
    const recorded = new Array<RecordedStage<D>>(batch.length);
    for (const [tenantId, indexes] of byTenant) {
      const records = indexes.map((i) => ({ ticketId: batch[i]!.event.key, output: decisions[i]!, source: sources[i]! }));
      const vectors = spec.vector ? indexes.map((i) => spec.vector!(batch[i]!.event, decisions[i]!)) : [];
      const results = await spec.store.tickets.recordStages(tenantId, spec.stage, records, vectors);
      indexes.forEach((i, j) => {
        recorded[i] = results[j]!;
      });
    }
    return batch.flatMap(({ event }, i) => {
      const { output, firstTime, source } = recorded[i]!;
      return firstTime || source === sources[i] ? spec.emit(event, output) : [];
    });
  };

/** The event a stage emits for a ticket: same tenant and key, the next span of its trace, a stable id. */
export const followUp = <T extends Topic>(
  topic: T,
  cause: Envelope,
  /** With the ticket's key, the event's stable id: the stage's name, or another name for a second output. */
  stage: string,
  payload: PayloadOf<T>,
  headers?: Record<string, string>,
): Outgoing =>
  ({
    topic,
    ...(headers ? { headers } : {}),
    event: createEvent(topic, {
      id: nameBasedUuid(`${cause.key}:${stage}`),
      tenantId: cause.tenantId,
      key: cause.key,
      traceparent: traceparentFor(cause),
      payload,
    }),
  }) as Outgoing;

/** A pipeline stage as a worker: its consumer group is its name. */
export const createStageWorker = <In extends Topic, D>(name: string, topic: In, spec: StageSpec<In, D>): Worker<In> => ({
  name,
  topic,
  group: name,
  handler: createStageHandler(spec),
  ...(spec.readers === 'next-stage' ? { atLeastOnce: true } : {}),
});
