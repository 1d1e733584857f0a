import type { Producer, ProducerBatch } from 'kafkajs';

interface Current {
  producer: Producer;
  connected: Promise<void> | undefined;
}

/**
 * The bus's idempotent producer, replaced after any failed send. kafkajs takes a partition's
 * sequence numbers back when a produce request fails, even one the broker appended before the
 * connection dropped (a broker shutting down between the append and the answer, say). The next
 * batch reuses them: the broker refuses it as out of order, for good, or, when it is as long as
 * the appended one, takes it for that batch again and drops it. A new producer has a new producer
 * id and starts its sequences afresh; what the old one may have appended is sent again, and
 * at-least-once readers drop it as a duplicate.
 *
 * Sends go out one at a time, so none can take sequence numbers from a producer whose failed send
 * is about to take them back: a subscription works on several partitions at once, and two of them
 * may write to one partition (dead letters have no key). The next send starts on the replacement.
 */
export class IdempotentSender {
  readonly #create: () => Producer;
  #current: Current;
  /** Settles when the last send queued so far has. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Replaced producers still disconnecting; closing waits for them. */
  readonly #retiring = new Set<Promise<void>>();

  constructor(create: () => Producer) {
    this.#create = create;
    this.#current = { producer: create(), connected: undefined };
  }

  connect(): Promise<void> {
    return connectOnce(this.#current);
  }

  sendBatch(batch: ProducerBatch): Promise<void> {
    const sent = this.#queue.then(() => this.#send(batch));
    this.#queue = sent.catch(() => undefined);
    return sent;
  }

  async #send(batch: ProducerBatch): Promise<void> {
    const current = this.#current;
    await connectOnce(current);
    try {
      await current.producer.sendBatch(batch);
    } catch (error) {
      this.#current = { producer: this.#create(), connected: undefined };
      const retired: Promise<void> = current.producer
        .disconnect()
        .catch(() => undefined)
        .finally(() => this.#retiring.delete(retired));
      this.#retiring.add(retired);
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    const { producer, connected } = this.#current;
    await connected?.catch(() => undefined);
    await Promise.all([producer.disconnect(), ...this.#retiring]);
  }
}

/** Connects once; a failed attempt is forgotten so the next call tries again. */
const connectOnce = (current: Current): Promise<void> => {
  current.connected ??= current.producer.connect().catch((error: unknown) => {
    current.connected = undefined;
    throw error;
  });
  return current.connected;
};
