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
 * The real kafkajs consumer, except that while `failures` is above zero each batch throws an error
 * kafkajs does not retry (one less each time): it crashes for good, as it does on an authorization
 * error, or when a coordinator moves while the group rejoins during a broker restart.
 */
const withInjectedFault = () => {
  const fault = { failures: 0 };
  const faulty = Object.create(kafka) as Kafka;
  faulty.consumer = (config: ConsumerConfig): Consumer => {
    const consumer = kafka.consumer(config);
    const run = consumer.run.bind(consumer);
    consumer.run = (options?: ConsumerRunConfig) =>
      run({
        ...options,
        eachBatch: async (payload) => {
          if (fault.failures > 0) {
            fault.failures -= 1;
            throw new KafkaJSNonRetriableError('injected: not retriable');
          }
          await options!.eachBatch!(payload);
        },
      });
    return consumer;
  };
  return { faulty, fault };
};

const modelUpdate = (version: string) =>
  createEvent(Topics.modelsUpdated, { tenantId: 'acme', key: 'k', payload: { model: 'categorizer', version } });

/** An observer of models.updated on a consumer with the injected fault; `lost` and `seen` fill as it runs. */
const watch = async (group: string, attempts: number) => {
  await admin.connect();
  const { faulty, fault } = withInjectedFault();
  const lost: LostSubscription[] = [];
  const seen: string[] = [];
  const subscription = await startKafkaSubscription(
    {
      kafka: faulty,
      admin,
      topics: new TopicCreator(admin, () => 3),
      producer: { sendBatch: async () => Promise.reject(new Error('an observer publishes nothing')) },
      exactlyOnce: true,
      connectionRetry: undefined,
      wire: (name) => prefix + name,
      consumerRestarts: { attempts, firstDelayMs: 100, streakGapMs: 60_000 },
      onLost: (l) => lost.push(l),
    },
    {
      topic: Topics.modelsUpdated,
      group,
      handler: async (batch) => {
        seen.push(...batch.map((d) => d.event.payload.version));
        return [];
      },
      retry: defaultRetryPolicy,
      logger: { ...stderrLogger, error: () => undefined },
      maxBatchSize: 100,
      startAt: 'latest',
      observer: true,
      atLeastOnce: false,
    },
  );
  return { fault, lost, seen, subscription };
};

describe('a Kafka subscription whose consumer kafkajs gives up on', () => {
  it('goes on with a new consumer from the committed position: nothing is skipped and nothing is lost', async () => {
    const { fault, lost, seen, subscription } = await watch('recovers', 3);
    try {
      await publisher.publish(Topics.modelsUpdated, [modelUpdate('1')]);
      await waitFor(
        () => seen.length === 1,
        30_000,
        () => `${seen.length} delivered`,
      );
      fault.failures = 1;
      await publisher.publish(Topics.modelsUpdated, [modelUpdate('2')]);
      await waitFor(
        () => seen.length === 2,
        30_000,
        () => `${seen.length} delivered`,
      );
      expect(seen).toEqual(['1', '2']);
      expect(lost).toEqual([]);
      expect(fault.failures).toBe(0);
    } finally {
      await subscription.stop();
    }
  }, 60_000);

  it('is reported as lost, naming its topic, group and error, once its replacements fail too', async () => {
    const { fault, lost, seen, subscription } = await watch('gives-up', 2);
    try {
      await publisher.publish(Topics.modelsUpdated, [modelUpdate('1')]);
      await waitFor(
        () => seen.length === 1,
        30_000,
        () => `${seen.length} delivered`,
      );
      fault.failures = Number.POSITIVE_INFINITY;
      await publisher.publish(Topics.modelsUpdated, [modelUpdate('2')]);
      await waitFor(
        () => lost.length === 1,
        30_000,
        () => `${lost.length} lost`,
      );
      expect(lost[0]).toMatchObject({ topic: Topics.modelsUpdated, group: 'gives-up' });
      expect(String(lost[0]!.error)).toContain('injected: not retriable');
      expect(seen).toEqual(['1']);
    } finally {
      await subscription.stop();
    }
  }, 60_000);
});
