import type { EventOf, Topic } from '@triage/contracts';

/** An event a handler wants published as the result of a batch. */
export type Outgoing = {
  [K in Topic]: { topic: K; event: EventOf<K>; headers?: Record<string, string> };
}[Topic];

/** One consumed event, with where it came from. */
export interface Delivery<T extends Topic = Topic> {
  topic: T;
  partition: number;
  offset: string;
  event: EventOf<T>;
  headers: Record<string, string>;
}

/**
 * Handles a batch of events of one topic and returns what to publish because of it. The bus
 * publishes the outputs and commits the batch's offsets together (a Kafka transaction), so a
 * crash never commits input without its output, nor publishes output twice. An `atLeastOnce`
 * subscription gives up the second. Throwing a PermanentError re-runs the batch one event at a
 * time and dead-letters only the events that fail on their own; any other error is retried with
 * backoff, and events still failing after the last attempt are dead-lettered. Handlers must be
 * idempotent: a batch may be re-run or redelivered.
 */
export type BatchHandler<T extends Topic> = (batch: Delivery<T>[]) => Promise<Outgoing[]>;

export type StartAt = 'earliest' | 'latest';

export interface SubscribeOptions<T extends Topic> {
  topic: T;
  /** Consumer group; also names the stage's dead-letter topic (`dlq.<group>`). */
  group: string;
  handler: BatchHandler<T>;
  /** Upper bound of events handed to one handler call (bounded in-flight work). */
  maxBatchSize?: number;
  /**
   * Where a group with no committed position starts: `earliest` (the default) reads what the topic
   * retains, `latest` only what is published after it joins (live fan-out, where history would be
   * passed on as if it were new). A group with a committed position resumes from it either way.
   */
  startAt?: StartAt;
  /**
   * The handler only watches (metrics, streams, cache refreshes) and returns no outputs: its
   * offsets are committed plainly, without the cost of a transaction per batch.
   */
  observer?: boolean;
  /**
   * The handler's outputs are read only by consumers that drop what they have already seen: they
   * are published, then the offsets committed, without a transaction. A crash in between publishes
   * the batch's outputs and dead letters again; nothing is lost. At a low rate, where a batch holds one event, this
   * saves three broker round trips per event (adding the partitions and the offsets to the
   * transaction, ending it) and the commit markers the broker writes after them.
   * Kafka only: the in-process bus commits every batch atomically anyway.
   */
  atLeastOnce?: boolean;
}

export interface Subscription {
  /** Stops fetching, lets the in-flight batch finish, commits its offsets. */
  stop(): Promise<void>;
}

/** A raw message as it sits on a topic, used for dead-letter replay and for tests of bad input. */
export interface RawMessage {
  key: string | null;
  value: Buffer | string | null;
  headers?: Record<string, string>;
}

/** A message as it is stored on a topic, with its position: what `Bus.read` returns. */
export interface TopicMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface PublishOptions {
  headers?: Record<string, string>;
}

/** The pipeline's transport. Kafka in production, in-process in the embedded default. */
export interface Bus {
  /** Validates every event against its topic contract first; publishes none if any is invalid. */
  publish<T extends Topic>(topic: T, events: EventOf<T>[], options?: PublishOptions): Promise<void>;
  subscribe<T extends Topic>(options: SubscribeOptions<T>): Promise<Subscription>;
  publishRaw(topic: string, messages: RawMessage[]): Promise<void>;
  /**
   * Everything on `topic` right now, committed messages only, ordered by partition and offset;
   * no consumer group is moved. For tests, dead-letter tooling and tailing, not for pipelines.
   */
  read(topic: string): Promise<TopicMessage[]>;
  /** Stops every subscription (finishing in-flight batches), then closes producers. */
  close(): Promise<void>;
}

/**
 * Where the bus reports what operators need to see: dead letters, retries, broker trouble.
 * `@triage/runtime`'s Logger fits it.
 */
export interface BusLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Thrown by a handler for input that can never succeed; the event goes to the DLQ with this reason. */
export class PermanentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** Headers a dead-lettered message carries, so a human and `npm run dlq` know what happened. */
export const DlqHeaders = {
  reason: 'x-dlq-reason',
  stage: 'x-dlq-stage',
  attempts: 'x-dlq-attempts',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  failedAt: 'x-dlq-failed-at',
} as const;

/**
 * Carried by an event that `npm run dlq -- replay` sent back: the delivery that failed first, as
 * `topic/partition/offset`. A stage takes the replay for that delivery and emits again what it
 * decided then (the same event ids, should that delivery's outputs have gone out after all).
 */
export const REPLAY_OF_HEADER = 'x-replay-of';
