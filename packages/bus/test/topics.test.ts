import { randomUUID } from 'node:crypto';
import { Topics } from '@triage/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, inject, it } from 'vitest';
import { createKafkaBus } from '../src/index.ts';
import { ensureTopics } from '../src/kafka/topics.ts';

const brokers = inject('kafkaBrokers').split(',');

describe('topic creation on Kafka', () => {
  it('lets several processes create the same new topics at the same moment', async () => {
    const prefix = `test.${randomUUID().slice(0, 8)}.`;
    const topics = Array.from({ length: 6 }, (_, i) => `${prefix}t${i}`);
    // Separate clients, as separate services starting together would be.
    const admins = Array.from({ length: 8 }, (_, i) =>
      new Kafka({ clientId: `topics-test-${i}`, brokers, logLevel: logLevel.NOTHING }).admin(),
    );
    await Promise.all(admins.map((a) => a.connect()));
    try {
      // Each admin asks for the topics in another order, so their creations interleave.
      const results = await Promise.allSettled(
        admins.map((admin, i) => ensureTopics(admin, [...topics.slice(i % 6), ...topics.slice(0, i % 6)], 2)),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const metadata = await admins[0]!.fetchTopicMetadata({ topics });
      expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(topics.map((t) => [t, 2]));
    } finally {
      await admins[0]!.deleteTopics({ topics }).catch(() => undefined);
      await Promise.all(admins.map((a) => a.disconnect()));
    }
  });

  it("creates the composer's input with one partition and every other topic with the bus's default", async () => {
    const prefix = `test.${randomUUID().slice(0, 8)}.`;
    const bus = createKafkaBus({ brokers, clientId: 'topics-test', topicPrefix: prefix, partitions: 2 });
    const admin = new Kafka({ clientId: 'topics-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const named = [Topics.ticketsRetrieved, Topics.ticketsAssessed, 'dlq.handoff-composer'];
    try {
      await bus.ensureTopics(named);
      const metadata = await admin.fetchTopicMetadata({ topics: named.map((t) => prefix + t) });
      expect(new Map(metadata.topics.map((t) => [t.name.slice(prefix.length), t.partitions.length]))).toEqual(
        new Map([
          [Topics.ticketsRetrieved, 2],
          [Topics.ticketsAssessed, 1],
          ['dlq.handoff-composer', 2],
        ]),
      );
    } finally {
      await admin.deleteTopics({ topics: named.map((t) => prefix + t) }).catch(() => undefined);
      await admin.disconnect();
      await bus.close();
    }
  });
});
