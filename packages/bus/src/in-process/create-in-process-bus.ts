import { deadLetterTopic, type Topic } from '@triage/contracts';
import { BaseBus, type CommonBusOptions, type StageOptions } from '../base-bus.ts';
import { toBuffer } from '../codec.ts';
import type { Outbound } from '../dead-letter.ts';
import type { Bus, RawMessage, StartAt, Subscription, TopicMessage } from '../types.ts';
import { type BusJournal, type CommittedOffset, type JournaledMessage, memoryOnly } from './journal.ts';
import { startInProcessSubscription, type GroupCursor } from './subscription.ts';
import { TopicLog } from './topic-log.ts';

export interface InProcessBusOptions extends CommonBusOptions {
  /** Partitions per topic; keys are spread over them so ordering is per key, as on Kafka. */
  partitions?: number;
  /**
   * Keeps topics and committed offsets across restarts: a publish resolves, and a batch is
   * committed, only once the journal has them. Without one, nothing survives the process.
   */
  journal?: BusJournal;
}

const cursorId = (group: string, topic: string) => `${group}\u0000${topic}`;

/**
 * The embedded single-process transport: topics are in-memory logs, consumer groups are cursors,
 * and a batch's outputs, dead letters and offset move are one journal write, which is what a Kafka
 * transaction gives the other transport. The logs hold every message ever written, in memory and
 * in the journal: sized for the embedded demo, not for unbounded traffic.
 */
class InProcessBus extends BaseBus {
  readonly #partitions: number;
  readonly #journal: BusJournal;
  readonly #topics = new Map<string, TopicLog>();
  readonly #cursors = new Map<string, GroupCursor>();
  /** Offsets the journal had committed when the bus opened, by cursor id and partition. */
  readonly #restored = new Map<string, Map<number, number>>();
  readonly #ready: Promise<void>;
  #writing: Promise<unknown> = Promise.resolve();

  constructor(options: InProcessBusOptions) {
    super(options);
    this.#partitions = options.partitions ?? 3;
    if (!Number.isInteger(this.#partitions) || this.#partitions < 1)
      throw new Error(`partitions must be a positive integer, got ${this.#partitions}`);
    this.#journal = options.journal ?? memoryOnly;
    this.#ready = this.#restore();
    // A failed load is reported by the first publish, subscribe or read that waits for it.
    this.#ready.catch(() => undefined);
  }

  protected async write(topic: string, messages: RawMessage[]): Promise<void> {
    await this.#store(messages.map((message) => ({ topic, message })));
  }

  protected async start<T extends Topic>(stage: StageOptions<T>): Promise<Subscription> {
    await this.#ready;
    const log = this.#log(stage.topic);
    this.#log(deadLetterTopic(stage.group));
    const cursor = this.#cursor(stage.group, log, stage.startAt);
    if (cursor.active)
      throw new Error(`group ${stage.group} already consumes ${stage.topic} in this process; the in-process bus runs one member per group`);
    cursor.active = true;
    return startInProcessSubscription(log, cursor, stage, async (outbound: Outbound[], partition: number, nextOffset: number) => {
      await this.#store(outbound, { group: stage.group, topic: stage.topic, partition, committed: nextOffset });
      cursor.committed[partition] = nextOffset;
    });
  }

  // Whoever closes the journal's database after the bus finds no write still going to it.
  protected async disconnect(): Promise<void> {
    await this.#writing;
  }

  async read(topic: string): Promise<TopicMessage[]> {
    await this.#ready;
    const log = this.#topics.get(topic);
    return log ? log.partitions.flatMap((messages, partition) => log.slice(partition, 0, messages.length)) : [];
  }

  /**
   * Journals messages (and an offset move), then appends them to the logs. Writes go one at a
   * time: each takes its offsets from the logs, which only a journaled write extends.
   */
  #store(outbound: Outbound[], offset?: CommittedOffset): Promise<void> {
    const stored = this.#writing.then(async () => {
      await this.#ready;
      const placed = this.#place(outbound);
      await this.#journal.write(placed, offset);
      this.#append(placed);
    });
    this.#writing = stored.catch(() => undefined);
    return stored;
  }

  /** Where each message will sit: its partition, and the offset after those already there or placed. */
  #place(outbound: Outbound[]): JournaledMessage[] {
    const next = new Map<string, number>();
    return outbound.map(({ topic, message: { key, value, headers } }) => {
      const log = this.#log(topic);
      const partition = log.partitionFor(key);
      const id = `${topic}\u0000${partition}`;
      const offset = next.get(id) ?? log.partitions[partition]!.length;
      next.set(id, offset + 1);
      return { topic, partition, offset, key, value: toBuffer(value), headers: { ...headers } };
    });
  }

  #append(messages: JournaledMessage[]): void {
    for (const [topic, placed] of Map.groupBy(messages, (m) => m.topic)) this.#log(topic).append(placed);
  }

  async #restore(): Promise<void> {
    const { messages, offsets } = await this.#journal.load();
    for (const m of messages) {
      const expected = this.#log(m.topic).partitions[m.partition]?.length;
      if (m.offset !== expected)
        throw new Error(
          `the bus journal has ${m.topic} partition ${m.partition} offset ${m.offset} where ${expected ?? 'no partition'} was expected`,
        );
      this.#log(m.topic).append([m]);
    }
    for (const { group, topic, partition, committed } of offsets) {
      const id = cursorId(group, topic);
      this.#restored.set(id, (this.#restored.get(id) ?? new Map()).set(partition, committed));
    }
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
    const id = cursorId(group, log.name);
    let cursor = this.#cursors.get(id);
    if (!cursor) {
      const restored = this.#restored.get(id);
      // A partition the group never committed in starts where a new group would, as on Kafka.
      cursor = {
        committed: log.partitions.map((messages, partition) => restored?.get(partition) ?? (startAt === 'latest' ? messages.length : 0)),
        active: false,
      };
      this.#cursors.set(id, cursor);
    }
    return cursor;
  }
}

export const createInProcessBus = (options: InProcessBusOptions = {}): Bus => new InProcessBus(options);
