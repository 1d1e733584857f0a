// One hop of the raw kafkajs pass-through, run as its own process: consume a batch, send it to the
// next topic in one request (acks=-1), commit. What the pipeline's transport costs with no work.
import { Kafka, logLevel } from 'kafkajs';

const setting = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`raw hop: ${name} is not set`);
  return value;
};
const [BROKERS, FROM, TO, GROUP] = ['BROKERS', 'FROM', 'TO', 'GROUP'].map(setting) as [string, string, string, string];
const kafka = new Kafka({ clientId: GROUP, brokers: [BROKERS], logLevel: logLevel.NOTHING });
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
// The same fetch wait and one-partition-at-a-time as the pipeline's own subscriptions.
const consumer = kafka.consumer({ groupId: GROUP, maxWaitTimeInMs: 500 });

await Promise.all([producer.connect(), consumer.connect()]);
await consumer.subscribe({ topic: FROM, fromBeginning: true });
const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
await consumer.run({
  autoCommit: false,
  partitionsConsumedConcurrently: 1,
  eachBatch: async ({ batch }) => {
    if (batch.messages.length === 0) return;
    await producer.send({ topic: TO, acks: -1, messages: batch.messages.map(({ key, value }) => ({ key, value })) });
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() },
    ]);
  },
});
await joined;
console.log('ready');

process.once('SIGTERM', () => {
  void Promise.all([consumer.disconnect(), producer.disconnect()]).finally(() => process.exit(0));
});
