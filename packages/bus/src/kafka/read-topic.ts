import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import type { TopicMessage } from '../types.ts';
import { untilFetching } from './until-fetching.ts';
import { fromKafkaHeaders } from './headers.ts';
import { retryTransient } from './transient.ts';

const READ_TIMEOUT_MS = 30_000;

/**
 * Reads `wireTopic` from the beginning up to the end offsets it had when the read started, through
 * a throwaway consumer group that never commits (and is deleted afterwards). Control records of
 * transactions advance the position without being messages, hence the end check on batch offsets.
 */
export const readTopic = async (kafka: Kafka, admin: Admin, wireTopic: string, topic: string): Promise<TopicMessage[]> => {
  if (!(await admin.listTopics()).includes(wireTopic)) return [];
  const ends = new Map<number, bigint>();
  for (const { partition, high, low } of await retryTransient(() => admin.fetchTopicOffsets(wireTopic))) {
    if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
  }
  if (ends.size === 0) return [];

  const groupId = `triage-read.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const messages: TopicMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: wireTopic, fromBeginning: true });
    const reachedEnd = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${wireTopic} did not reach its end within ${READ_TIMEOUT_MS} ms (an open transaction holds it?)`)),
        READ_TIMEOUT_MS,
      );
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const end = ends.get(payload.partition);
        if (end !== undefined && BigInt(payload.lastOffset) + 1n >= end) ends.delete(payload.partition);
        if (ends.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    reachedEnd.catch(() => undefined); // awaited below; keeps an early timeout from being unhandled
    const fetching = untilFetching(consumer, { offsetsResolved: false });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition);
        for (const m of batch.messages) {
          if (end === undefined || BigInt(m.offset) >= end) break;
          messages.push({
            topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? null,
            value: m.value,
            headers: fromKafkaHeaders(m.headers),
          });
        }
      },
    });
    await fetching;
    await reachedEnd;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return messages.sort((a, b) => a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
};
