import type { Outbound } from '../dead-letter.ts';
import type { TopicMessage } from '../types.ts';

/** Publishes a joined call's outputs once, however many of its chunks ask; resolves once they are sent. */
export type SharedPublish = () => Promise<void>;

interface Group {
  messages: TopicMessage[];
  result: PromiseWithResolvers<SharedPublish>;
}

/**
 * Joins the chunks that different partitions' batches start in the same turn into one handler call.
 * kafkajs hands the partition batches of one broker's fetch to its workers together (up to
 * `partitionsConsumedConcurrently`), and at a light load each holds one or two messages: processed
 * apart, every one paid its own handler call (the stage's database transaction, the embedding
 * round trip) and its own publish, so three partitions tripled a stage's fixed costs per ticket. A
 * joined call never exceeds `maxSize` messages, as a chunk does not; a chunk that would push it
 * past starts the next one. A call that fails fails every chunk in it: they are redelivered, and
 * the bus's retries and dead-lettering then run over the joined events together. Only for
 * subscriptions without a transaction: each partition's transactional producer commits its own
 * partition's offsets alone, which is how a partition's next owner fences it (`PartitionProducers`).
 */
export class JoinedChunks {
  readonly #maxSize: number;
  readonly #process: (messages: TopicMessage[]) => Promise<Outbound[]>;
  readonly #publish: (outbound: Outbound[]) => Promise<void>;
  /** The call still taking chunks: it runs once the turn that opened it is over. */
  #open: Group | undefined;

  constructor(
    maxSize: number,
    process: (messages: TopicMessage[]) => Promise<Outbound[]>,
    publish: (outbound: Outbound[]) => Promise<void>,
  ) {
    this.#maxSize = maxSize;
    this.#process = process;
    this.#publish = publish;
  }

  /**
   * Processes `messages` with whatever other chunks arrive in this turn. Each chunk awaits the
   * shared publish before committing its own offset, so no partition's offset passes outputs
   * that are not yet sent.
   */
  process(messages: TopicMessage[]): Promise<SharedPublish> {
    let group = this.#open;
    if (!group || group.messages.length + messages.length > this.#maxSize) group = this.#openGroup();
    group.messages.push(...messages);
    return group.result.promise;
  }

  #openGroup(): Group {
    const group: Group = { messages: [], result: Promise.withResolvers() };
    this.#open = group;
    setImmediate(() => {
      if (this.#open === group) this.#open = undefined;
      const { resolve, reject } = group.result;
      this.#process(group.messages).then((outbound) => resolve(this.#once(outbound)), reject);
    });
    return group;
  }

  #once(outbound: Outbound[]): SharedPublish {
    let sent: Promise<void> | undefined;
    return () => {
      sent ??= this.#publish(outbound);
      return sent;
    };
  }
}
