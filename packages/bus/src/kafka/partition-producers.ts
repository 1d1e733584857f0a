import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { retryTransient } from './transient.ts';

/**
 * A transaction that starts while the broker is still writing the previous one's commit markers
 * is refused with CONCURRENT_TRANSACTIONS, which is routine for a producer committing batch after
 * batch. kafkajs retries it after its default 300 ms, which turned each such batch into a 300 ms
 * stall; the Java client waits 20 ms. Retries start at 10 ms and double up to 1 s; their number
 * stays unbounded, as kafkajs has it for idempotent producers.
 */
const TRANSACTION_RETRY = { initialRetryTime: 10, maxRetryTime: 1_000, retries: Number.MAX_SAFE_INTEGER };

export interface AcquiredProducer {
  producer: Producer;
  /** Set when the producer is new: the group's committed offset, read after the previous owner was fenced. */
  committedOffset?: bigint;
}

/**
 * One transactional producer per assigned partition, its transactional id derived from group,
 * topic and partition so it is the same across restarts. Whoever takes a partition over initialises
 * that id, which aborts the previous owner's open transaction at once (rather than after the
 * transaction timeout, while read_committed consumers of its outputs stall) and fences the previous
 * owner if it still runs, so a stalled member can no longer commit outputs or offsets.
 */
export class PartitionProducers {
  readonly #kafka: Kafka;
  readonly #admin: Admin;
  readonly #group: string;
  readonly #wireTopic: string;
  readonly #producers = new Map<number, Producer>();

  constructor(kafka: Kafka, admin: Admin, group: string, wireTopic: string) {
    this.#kafka = kafka;
    this.#admin = admin;
    this.#group = group;
    this.#wireTopic = wireTopic;
  }

  async acquire(partition: number): Promise<AcquiredProducer> {
    const existing = this.#producers.get(partition);
    if (existing) return { producer: existing };
    const producer = this.#kafka.producer({
      transactionalId: `${this.#group}:${this.#wireTopic}:${partition}`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: TRANSACTION_RETRY,
    });
    try {
      await producer.connect();
      // Beginning and aborting an empty transaction initialises the id: this is the fencing step.
      await (await producer.transaction()).abort();
      // Read only now: an offset commit the previous owner had in flight has landed or was aborted.
      const committedOffset = await this.#committedOffset(partition);
      this.#producers.set(partition, producer);
      return { producer, committedOffset };
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async discard(partition: number): Promise<void> {
    const producer = this.#producers.get(partition);
    this.#producers.delete(partition);
    await producer?.disconnect().catch(() => undefined);
  }

  /** After a rebalance: producers of partitions this member no longer owns are closed. */
  async retain(partitions: number[]): Promise<void> {
    const owned = new Set(partitions);
    await Promise.all([...this.#producers.keys()].filter((p) => !owned.has(p)).map((p) => this.discard(p)));
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#producers.keys()].map((p) => this.discard(p)));
  }

  async #committedOffset(partition: number): Promise<bigint> {
    const [topic] = await retryTransient(() => this.#admin.fetchOffsets({ groupId: this.#group, topics: [this.#wireTopic] }));
    const offset = topic?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
    return BigInt(offset);
  }
}
