import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';

const brokers = inject('kafkaBrokers').split(',');
const kafka = new Kafka({ clientId: 'coordinator-test', brokers, logLevel: logLevel.NOTHING });
const topic = `test.${randomUUID().slice(0, 8)}.coordinators`;
const group = `${topic}.group`;

// patches/kafkajs+2.2.4.patch, applied by `npm ci`: kafkajs looked up the transaction coordinator
// before each of a transaction's requests and the group coordinator before each offset commit.
describe('kafkajs transactional producer (patched)', () => {
  const admin = kafka.admin();
  afterAll(async () => {
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('looks its coordinators up once, not before every request of every transaction', async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    const producer = kafka.producer({ transactionalId: `${topic}.tx`, idempotent: true, maxInFlightRequests: 1 });
    const requests: string[] = [];
    producer.on(producer.events.REQUEST, ({ payload }) => requests.push(payload.apiName));
    await producer.connect();
    const transactions = 5;
    try {
      for (let i = 0; i < transactions; i++) {
        const transaction = await producer.transaction();
        await transaction.send({ topic, messages: [{ value: `m${i}` }] });
        await transaction.sendOffsets({
          consumerGroupId: group,
          topics: [{ topic, partitions: [{ partition: 0, offset: String(i + 1) }] }],
        });
        await transaction.commit();
      }
    } finally {
      await producer.disconnect();
    }
    expect(requests.filter((r) => r === 'EndTxn')).toHaveLength(transactions);
    // FindCoordinator (kafkajs names it after its first version): the first transaction finds its
    // coordinators, the next ones ask none. Unpatched kafkajs sends four per transaction.
    const afterFirst = requests.slice(requests.indexOf('EndTxn') + 1);
    expect(afterFirst.filter((r) => r === 'EndTxn')).toHaveLength(transactions - 1);
    expect(afterFirst.filter((r) => r === 'GroupCoordinator')).toEqual([]);
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(offsets?.partitions).toEqual([expect.objectContaining({ partition: 0, offset: String(transactions) })]);
  });
});
