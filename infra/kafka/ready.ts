import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs';
import { inOneTransaction } from '@triage/bus';

const PROBE = 'triage.ready-probe';

export interface WaitForKafkaOptions {
  timeoutMs: number;
  /** Called between attempts; throw to give up early (for example when the broker process died). */
  check?: () => void;
}

/**
 * Waits until a broker serves what the pipeline needs on its first request: topic creation, a
 * transaction that commits consumer offsets (transaction and group coordinators loaded), and a
 * consumer group join. A fresh cluster answers "coordinator is loading" for a while after the port
 * opens; tests that start before this would see it as flaky first runs.
 */
/** `brokers`: comma-separated `host:port` list, as in KAFKA_BROKERS. */
export const waitForKafka = async (brokers: string, { timeoutMs, check }: WaitForKafkaOptions): Promise<void> => {
  const kafka = new Kafka({
    clientId: 'triage-ready-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe(kafka);
      return;
    } catch (error) {
      check?.();
      if (Date.now() > deadline) {
        throw new Error(`Kafka at ${brokers} was not ready after ${timeoutMs} ms: ${(error as Error).message}`, { cause: error });
      }
      await sleep(250);
    }
  }
};

const probe = async (kafka: Kafka): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: PROBE, numPartitions: 1 }], waitForLeaders: true });
    await commitInTransaction(kafka);
    await joinGroup(kafka, admin);
  } finally {
    await admin.disconnect();
  }
};

const commitInTransaction = (kafka: Kafka): Promise<void> =>
  inOneTransaction(kafka, PROBE, async (transaction) => {
    await transaction.send({ topic: PROBE, messages: [{ value: 'ready?' }] });
    await transaction.sendOffsets({ consumerGroupId: PROBE, topics: [{ topic: PROBE, partitions: [{ partition: 0, offset: '0' }] }] });
  });

const joinGroup = async (kafka: Kafka, admin: Admin): Promise<void> => {
  // A fresh group: a probe killed mid-join leaves a member the group would wait 30 s for.
  const groupId = `${PROBE}.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: PROBE });
    await joined(consumer);
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
};

const JOIN_TIMEOUT_MS = 15_000;

/**
 * Resolves on the first fetch, not on GROUP_JOIN: kafkajs emits GROUP_JOIN before it marks the
 * consumer running, and a disconnect in that gap is ignored and leaks the consumer's sockets.
 */
const joined = (consumer: Consumer): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no group join and fetch within ${JOIN_TIMEOUT_MS} ms`)), JOIN_TIMEOUT_MS);
    const removeFetch = consumer.on(consumer.events.FETCH_START, () => {
      clearTimeout(timer);
      removeFetch();
      removeCrash();
      resolve();
    });
    const removeCrash = consumer.on(consumer.events.CRASH, (event) => {
      clearTimeout(timer);
      removeFetch();
      removeCrash();
      reject(event.payload.error);
    });
    consumer.run({ eachBatch: async () => undefined }).catch(reject);
  });
