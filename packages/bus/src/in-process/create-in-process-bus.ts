import { deadLetterTopic, type Topic } from '@triage/contracts';
import { BaseBus, type CommonBusOptions, type StageOptions } from '../base-bus.ts';
import { toBuffer } from '../codec.ts';
import type { Outbound } from '../dead-letter.ts';
import type { Bus, RawMessage, StartAt, Subscription, TopicMessage } from '../types.ts';
import { startInProcessSubscription, type GroupCursor } from './subscription.ts';
import { TopicLog } from './topic-log.ts';

export interface InProcessBusOptions extends CommonBusOptions {
  /** Partitions per topic; keys are spread over them so ordering is per key, as on Kafka. */
  partitions?: number;
}

/**
 * The embedded single-process transport: topics are in-memory logs, consumer groups are cursors,
 * and a batch's outputs, dead letters and offset move happen in one synchronous step, which is what
 * a Kafka transaction gives the other transport. Nothing survives the process.
 */
class InProcessBus extends BaseBus {
  readonly #partitions: number;
  readonly #topics = new Map<string, TopicLog>();
  readonly #cursors = new Map<string, GroupCursor>();

  constructor(options: InProcessBusOptions) {
    super(options);
    this.#partitions = options.partitions ?? 3;
    if (!Number.isInteger(this.#partitions) || this.#partitions < 1)
      throw new Error(`partitions must be a positive integer, got ${this.#partitions}`);
  }

  protected async write(topic: string, messages: RawMessage[]): Promise<void> {
    this.#append(topic, messages);
  }

  protected async start<T extends Topic>(stage: StageOptions<T>): Promise<Subscription> {
    const log = this.#log(stage.topic);
    this.#log(deadLetterTopic(stage.group));
    const cursor = this.#cursor(stage.group, log, stage.startAt);
    if (cursor.active)
      throw new Error(`group ${stage.group} already consumes ${stage.topic} in this process; the in-process bus runs one member per group`);
    cursor.active = true;
    return startInProcessSubscription(log, cursor, stage, (outbound: Outbound[], partition: number, nextOffset: number) => {
      for (const { topic, message } of outbound) this.#append(topic, [message]);
      cursor.committed[partition] = nextOffset;
    });
  }

  protected async disconnect(): Promise<void> {}

  async read(topic: string): Promise<TopicMessage[]> {
    const log = this.#topics.get(topic);
    return log ? log.partitions.flatMap((messages, partition) => log.slice(partition, 0, messages.length)) : [];
  }

  #append(topic: string, messages: RawMessage[]): void {
    this.#log(topic).append(messages.map(({ key, value, headers }) => ({ key, value: toBuffer(value), headers: { ...headers } })));
  }

  #log(topic: string): TopicLog {
    let log = this.#topics.get(topic);
    if (!log) {
      log = new TopicLog(topic, this.#partitions);
      this.#topics.set(topic, log);
    }
    return log;
  }

  #cursor(group: string, log: TopicLog, startAt: StartAt): GroupCursor {
    const id = `${group}\u0000${log.name}`;
    let cursor = this.#cursors.get(id);
    if (!cursor) {
      cursor = { committed: log.partitions.map((messages) => (startAt === 'latest' ? messages.length : 0)), active: false };
      this.#cursors.set(id, cursor);
    }
    return cursor;
  }
}

export const createInProcessBus = (options: InProcessBusOptions = {}): Bus => new InProcessBus(options);
