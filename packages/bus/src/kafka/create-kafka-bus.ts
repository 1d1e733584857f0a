import { topicPartitions, type Topic } from '@triage/contracts';
import { Kafka, logLevel, Partitioners, type Admin, type LogEntry } from 'kafkajs';
import { BaseBus, type StageOptions } from '../base-bus.ts';
import type { Bus, BusLogger, RawMessage, Subscription, TopicMessage } from '../types.ts';
import { inRequests } from './request-size.ts';
import { toKafkaMessage } from './headers.ts';
import { IdempotentSender } from './idempotent-sender.ts';
import type { KafkaBusOptions } from './options.ts';
import { readTopic } from './read-topic.ts';
import { startKafkaSubscription, type KafkaContext } from './subscription.ts';
import { TopicCreator } from './topics.ts';

export interface KafkaBus extends Bus {
  /** Creates the topics that do not exist yet (with the bus's partition count unless given). */
  ensureTopics(topics: string[], partitions?: number): Promise<void>;
}

/**
 * Replacements for a consumer kafkajs gave up on: after 1, 2, 4, 8 and 16 s, about half a minute in
 * all. Crashes ten minutes apart are not a streak.
 */
const CONSUMER_RESTARTS = { attempts: 5, firstDelayMs: 1_000, streakGapMs: 600_000 };

class KafkaTransport extends BaseBus implements KafkaBus {
  readonly #kafka: Kafka;
  readonly #admin: Admin;
  readonly #producer: IdempotentSender;
  readonly #topics: TopicCreator;
  readonly #context: KafkaContext;
  readonly #prefix: string;
  #connecting: Promise<void> | undefined;

  constructor(options: KafkaBusOptions) {
    super(options);
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogTo(this.logger),
      ...(options.connectionRetry ? { retry: options.connectionRetry } : {}),
    });
    const admin = kafka.admin();
    const producer = new IdempotentSender(() =>
      kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner }),
    );
    this.#kafka = kafka;
    this.#admin = admin;
    this.#producer = producer;
    this.#prefix = options.topicPrefix ?? '';
    const byWire = new Map(Object.entries(topicPartitions).map(([topic, partitions]) => [this.#prefix + topic, partitions]));
    this.#topics = new TopicCreator(admin, (topic) => byWire.get(topic) ?? options.partitions ?? 3);
    this.#context = {
      kafka,
      admin,
      producer,
      topics: this.#topics,
      exactlyOnce: options.exactlyOnce ?? true,
      connectionRetry: options.connectionRetry,
      wire: (topic) => this.#prefix + topic,
      consumerRestarts: CONSUMER_RESTARTS,
      onLost:
        options.onSubscriptionLost ??
        (({ topic, group, error }) => this.logger.error('a subscription stopped consuming for good', { topic, group, err: error })),
    };
  }

  async ensureTopics(topics: string[], partitions?: number): Promise<void> {
    await this.#connect();
    await this.#topics.ensure(topics.map(this.#context.wire), partitions);
  }

  protected async write(topic: string, messages: RawMessage[]): Promise<void> {
    await this.#connect();
    const wireTopic = this.#context.wire(topic);
    await this.#topics.ensure([wireTopic]);
    for (const request of inRequests(messages, (m) => m)) {
      await this.#producer.sendBatch({ topicMessages: [{ topic: wireTopic, messages: request.map(toKafkaMessage) }], acks: -1 });
    }
  }

  protected async start<T extends Topic>(stage: StageOptions<T>): Promise<Subscription> {
    await this.#connect();
    return startKafkaSubscription(this.#context, stage);
  }

  protected async disconnect(): Promise<void> {
    await Promise.all([this.#producer.disconnect(), this.#admin.disconnect()]);
  }

  async read(topic: string): Promise<TopicMessage[]> {
    await this.#connect();
    return readTopic(this.#kafka, this.#admin, this.#context.wire(topic), topic);
  }

  /** Connects on first use; a failed attempt is forgotten so the next call tries again. */
  #connect(): Promise<void> {
    this.#connecting ??= Promise.all([this.#admin.connect(), this.#producer.connect()]).then(
      () => undefined,
      (error: unknown) => {
        this.#connecting = undefined;
        throw error;
      },
    );
    return this.#connecting;
  }
}

const kafkaLevels: Record<number, keyof BusLogger> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Routes kafkajs's own log lines into the bus logger. kafkajs logs every error answer of the broker
 * at error level, also those it then retries or hands to a caller that retries (a transaction
 * started right after the previous commit is one, many times a minute): those become debug lines.
 */
const kafkaLogTo = (logger: BusLogger) => () => (entry: LogEntry) => {
  const { message, timestamp: _timestamp, logger: _name, ...fields } = entry.log;
  const handledElsewhere = entry.namespace === 'Connection' || 'retryCount' in fields;
  const level = handledElsewhere ? 'debug' : (kafkaLevels[entry.level] ?? 'info');
  logger[level](`kafka: ${message}`, { namespace: entry.namespace, ...fields });
};

/**
 * The Kafka transport. Options are checked here; the connection is made on first use, so a
 * service fails at boot on its first subscribe or publish when Kafka is unreachable.
 */
export const createKafkaBus = (options: KafkaBusOptions): KafkaBus => {
  if (!Array.isArray(options.brokers) || options.brokers.length === 0 || options.brokers.some((b) => !/^[^\s:]+:\d+$/.test(b))) {
    throw new Error(`createKafkaBus: brokers must be a non-empty list of host:port, got ${JSON.stringify(options.brokers)}`);
  }
  if (!options.clientId) throw new Error('createKafkaBus: clientId is required');
  const partitions = options.partitions ?? 3;
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error(`createKafkaBus: partitions must be a positive integer, got ${partitions}`);
  return new KafkaTransport(options);
};
