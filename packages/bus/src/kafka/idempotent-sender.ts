import type { Producer, ProducerBatch } from 'kafkajs';

/**
 * The bus's idempotent producer, replaced after any failed send. kafkajs takes a partition's
 * sequence numbers back when a produce request fails, even one the broker appended before the
 * connection dropped (a broker shutting down between the append and the answer, say). The next
 * batch reuses them: the broker refuses it as out of order, for good, or, when it is as long as
 * the appended one, takes it for that batch again and drops it. A new producer has a new producer
 * id and starts its sequences afresh; what the old one may have appended is sent again, and
 * at-least-once readers drop it as a duplicate.
 */
export class IdempotentSender {
  readonly #create: () => Producer;
  #producer: Producer;
  #connected: Promise<void> | undefined;

  constructor(create: () => Producer) {
    this.#create = create;
    this.#producer = create();
  }

  /** Connects the current producer once; a failed attempt is forgotten so the next call tries again. */
  connect(): Promise<void> {
    this.#connected ??= this.#producer.connect().catch((error: unknown) => {
      this.#connected = undefined;
      throw error;
    });
    return this.#connected;
  }

  async sendBatch(batch: ProducerBatch): Promise<void> {
    await this.connect();
    const producer = this.#producer;
    try {
      await producer.sendBatch(batch);
    } catch (error) {
      // Sends that fail together replace their producer once.
      if (this.#producer === producer) {
        this.#producer = this.#create();
        this.#connected = undefined;
        producer.disconnect().catch(() => undefined);
      }
      throw error;
    }
  }

  disconnect(): Promise<void> {
    return this.#producer.disconnect();
  }
}
