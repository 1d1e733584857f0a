import type { RetryOptions } from 'kafkajs';
import type { CommonBusOptions } from '../base-bus.ts';

export interface KafkaBusOptions extends CommonBusOptions {
  /** Bootstrap servers, `host:port` each. */
  brokers: string[];
  clientId: string;
  /**
   * Publish a batch's outputs and commit its offsets in one Kafka transaction (default). When
   * false, outputs are published and then offsets committed: a crash in between re-publishes them.
   * A subscription can choose the latter alone (`atLeastOnce`).
   */
  exactlyOnce?: boolean;
  /** kafkajs's own retries of broker requests (connection loss, leader moves, loading coordinators). */
  connectionRetry?: RetryOptions;
  /** Partitions of the topics the bus creates, DLQ topics included, but for those `topicPartitions` (contracts) names. Default 3. */
  partitions?: number;
  /**
   * Prepended to every topic and consumer group name on the wire (DLQ topics included), so several
   * pipelines or test runs can share one cluster without meeting. The API, deliveries and DLQ
   * headers use the unprefixed names.
   */
  topicPrefix?: string;
  /**
   * Called when a subscription's consumer crashed with an error kafkajs does not retry and the new
   * consumers the bus started in its place (five, over about half a minute) failed too, as on an
   * authorization error: it consumes nothing more while the process runs on. A service should stop
   * so that its supervisor starts it again. Default: logged as an error.
   */
  onSubscriptionLost?: (lost: LostSubscription) => void;
}

export interface LostSubscription {
  topic: string;
  group: string;
  error: unknown;
}
