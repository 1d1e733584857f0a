import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Kafka, KafkaJSNonRetriableError, logLevel, type Consumer, type ConsumerConfig, type ConsumerRunConfig } from 'kafkajs';
import { createEvent, Topics } from '@triage/contracts';
import { waitFor } from '../../../test/harness/wait.ts';
import { defaultRetryPolicy } from '../src/index.ts';
import { stderrLogger } from '../src/logger.ts';
import type { LostSubscription } from '../src/kafka/options.ts';
import { startKafkaSubscription } from '../src/kafka/subscription.ts';
import { TopicCreator } from '../src/kafka/topics.ts';
import { createKafkaBus } from '../src/index.ts';

const brokers = inject('kafkaBrokers').split(',');
const prefix = `test.${randomUUID().slice(0, 8)}.`;
const publisher = createKafkaBus({ brokers, clientId: 'subscription-lost', topicPrefix: prefix });
const kafka = new Kafka({ clientId: 'subscription-lost', brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
afterAll(async () => {
  await publisher.close();
  await admin.disconnect();
});

/**
 * The real kafkajs consumer, except that once `fail` is set its next batch throws an error kafkajs
 * does not retry: it crashes for good, as on an authorization or protocol error from the broker.
 */
const withInjectedFault = () => {
  const fault = { fail: false };
  const faulty = Object.create(kafka) as Kafka;
  faulty.consumer = (config: ConsumerConfig): Consumer => {
    const consumer = kafka.consumer(config);
    const run = consumer.run.bind(consumer);
    consumer.run = (options?: ConsumerRunConfig) =>
      run({
        ...options,
        eachBatch: async (payload) => {
          if (fault.fail) throw new KafkaJSNonRetriableError('injected: not retriable');
          await options!.eachBatch!(payload);
        },
      });
    return consumer;
  };
  return { faulty, fault };
};

const modelUpdate = (version: string) => createEvent(Topics.modelsUpdated, { tenantId: 'acme', key: 'k', payload: { model: 'categorizer', version } });

describe('a Kafka subscription whose consumer crashes for good', () => {
  it('is reported as lost, naming its topic and group, instead of going quiet', async () => {
    await admin.connect();
    const { faulty, fault } = withInjectedFault();
    const lost: LostSubscription[] = [];
    const seen: string[] = [];
    const subscription = await startKafkaSubscription(
      {
        kafka: faulty,
        admin,
        topics: new TopicCreator(admin, 3),
        producer: { sendBatch: async () => Promise.reject(new Error('an observer publishes nothing')) },
        exactlyOnce: true,
        connectionRetry: undefined,
        wire: (name) => prefix + name,
        onLost: (l) => lost.push(l),
      },
      {
        topic: Topics.modelsUpdated,
        group: 'watcher',
        handler: async (batch) => (seen.push(...batch.map((d) => d.event.payload.version)), []),
        retry: defaultRetryPolicy,
        logger: stderrLogger,
        maxBatchSize: 100,
        startAt: 'earliest',
        observer: true,
        atLeastOnce: false,
      },
    );
    try {
      await publisher.publish(Topics.modelsUpdated, [modelUpdate('1')]);
      await waitFor(() => seen.length === 1, 30_000, () => `${seen.length} delivered`);
      // kafkajs restarts a consumer after errors it retries: nothing is lost then.
      expect(lost).toEqual([]);

      fault.fail = true;
      await publisher.publish(Topics.modelsUpdated, [modelUpdate('2')]);
      await waitFor(() => lost.length === 1, 30_000, () => `${lost.length} lost`);
      expect(lost[0]).toMatchObject({ topic: Topics.modelsUpdated, group: 'watcher' });
      expect(String(lost[0]!.error)).toContain('injected: not retriable');
      expect(seen).toEqual(['1']);
    } finally {
      await subscription.stop();
    }
  }, 60_000);
});
