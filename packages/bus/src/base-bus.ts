import type { EventOf, Topic } from '@triage/contracts';
import { encodeEvents } from './codec.ts';
import { retryPolicy, type RetryPolicy } from './retry.ts';
import type { Stage } from './process-batch.ts';
import { stderrLogger } from './logger.ts';
import type { Bus, BusLogger, PublishOptions, RawMessage, StartAt, SubscribeOptions, Subscription, TopicMessage } from './types.ts';

export const DEFAULT_MAX_BATCH_SIZE = 100;

/** What every transport is configured with. */
export interface CommonBusOptions {
  /** How a failing handler is retried before its events are dead-lettered. */
  retry?: Partial<RetryPolicy>;
  /** Dead letters, retries and transport trouble are reported here; default: warnings to stderr. */
  logger?: BusLogger;
}

/** A subscription as a transport starts it: the shared processing step plus the batch bound. */
export interface StageOptions<T extends Topic> extends Stage<T> {
  maxBatchSize: number;
  startAt: StartAt;
  observer: boolean;
  atLeastOnce: boolean;
}

/**
 * What both transports share: contract validation before publishing, subscription bookkeeping,
 * and the two-phase close (stop consuming and commit, then close the connections). A transport
 * only moves bytes.
 */
export abstract class BaseBus implements Bus {
  protected readonly logger: BusLogger;
  readonly #retry: RetryPolicy;
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;

  protected constructor(options: CommonBusOptions) {
    this.#retry = retryPolicy(options.retry);
    this.logger = options.logger ?? stderrLogger;
  }

  protected abstract write(topic: string, messages: RawMessage[]): Promise<void>;
  protected abstract start<T extends Topic>(stage: StageOptions<T>): Promise<Subscription>;
  protected abstract disconnect(): Promise<void>;
  abstract read(topic: string): Promise<TopicMessage[]>;

  async publish<T extends Topic>(topic: T, events: EventOf<T>[], options: PublishOptions = {}): Promise<void> {
    const messages = encodeEvents(topic, events, options.headers);
    this.#assertOpen();
    if (messages.length > 0) await this.write(topic, messages);
  }

  async publishRaw(topic: string, messages: RawMessage[]): Promise<void> {
    this.#assertOpen();
    if (messages.length > 0) await this.write(topic, messages);
  }

  async subscribe<T extends Topic>(options: SubscribeOptions<T>): Promise<Subscription> {
    this.#assertOpen();
    const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1)
      throw new Error(`maxBatchSize must be a positive integer, got ${maxBatchSize}`);
    if (!options.group) throw new Error('subscribe needs a consumer group');
    const started = await this.start({
      topic: options.topic,
      group: options.group,
      handler: options.handler,
      retry: this.#retry,
      logger: this.logger,
      maxBatchSize,
      startAt: options.startAt ?? 'earliest',
      observer: options.observer ?? false,
      atLeastOnce: options.atLeastOnce ?? false,
    });
    const subscription: Subscription = {
      stop: async () => {
        this.#subscriptions.delete(subscription);
        await started.stop();
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
    await this.disconnect();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the bus is closed');
  }
}
