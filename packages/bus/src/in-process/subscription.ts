import { setTimeout as sleep } from 'node:timers/promises';
import type { Topic } from '@triage/contracts';
import type { StageOptions } from '../base-bus.ts';
import type { Outbound } from '../dead-letter.ts';
import { processBatch } from '../process-batch.ts';
import type { Subscription, TopicMessage } from '../types.ts';
import type { TopicLog } from './topic-log.ts';

/** A consumer group's position in one topic: the next offset to process, per partition. */
export interface GroupCursor {
  committed: number[];
  active: boolean;
}

/** Writes a batch's outputs and dead letters and moves the cursor, all or nothing. */
export type Commit = (outbound: Outbound[], partition: number, nextOffset: number) => Promise<void>;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long a group waits after its journal refused a commit, before processing the batch again. */
const COMMIT_RETRY_MS = 1_000;

/**
 * Delivers a topic to one group: partitions in turn, one batch at a time, so each key's events
 * arrive in order. Delivery is always asynchronous, so a burst of publishes forms batches.
 */
export const startInProcessSubscription = <T extends Topic>(
  log: TopicLog,
  cursor: GroupCursor,
  stage: StageOptions<T>,
  commit: Commit,
): Subscription => {
  let stopping = false;
  let wake: (() => void) | undefined;
  const stopListening = log.onAppend(() => wake?.());

  const nextBatch = (from: number): { partition: number; messages: TopicMessage[] } | undefined => {
    for (let i = 0; i < log.partitions.length; i += 1) {
      const partition = (from + i) % log.partitions.length;
      const messages = log.slice(partition, cursor.committed[partition]!, stage.maxBatchSize);
      if (messages.length > 0) return { partition, messages };
    }
    return undefined;
  };

  const run = async () => {
    let from = 0;
    while (!stopping) {
      await nextTick();
      const batch = stopping ? undefined : nextBatch(from);
      if (!batch) {
        if (!stopping) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const outbound = await processBatch(stage, batch.messages);
      try {
        await commit(outbound, batch.partition, cursor.committed[batch.partition]! + batch.messages.length);
        from = batch.partition + 1;
      } catch (error) {
        // Nothing of the batch was kept, so it is processed again, as Kafka redelivers an aborted transaction's input.
        stage.logger.error('commit failed; the batch will be processed again', {
          group: stage.group,
          topic: stage.topic,
          partition: batch.partition,
          err: error instanceof Error ? error.message : String(error),
        });
        await sleep(COMMIT_RETRY_MS);
      }
    }
  };
  const running = run();

  return {
    stop: async () => {
      stopping = true;
      wake?.();
      try {
        await running;
      } finally {
        stopListening();
        cursor.active = false;
      }
    },
  };
};
