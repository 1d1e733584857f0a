interface Open<M, R> {
  items: M[];
  done: PromiseWithResolvers<R>;
}

/**
 * Chunks handed in within one turn of the event loop, processed as one. A consumer fetches its
 * partitions together and kafkajs hands each partition's batch to its own `eachBatch` in the same
 * turn, so below saturation each partition brings a chunk of one or two events, and processed
 * apart every chunk pays the stage's per-batch work on its own: a model call, a PostgreSQL
 * transaction and a publish request, each costing more CPU than the event (measured: 2-4 ms of a
 * stage's CPU a one-ticket batch against 0.3-0.7 a ticket in a backlog). Chunks join until the
 * next would take the whole past `maxSize`, so a backlog's full chunks still go one at a time.
 * A partition has at most one chunk in a whole at a time (its next chunk starts once this one is
 * processed), so each partition's events stay in order.
 */
export class CoalescedChunks<M, R> {
  readonly #process: (items: M[]) => Promise<R>;
  readonly #maxSize: number;
  #open: Open<M, R> | undefined;

  constructor(process: (items: M[]) => Promise<R>, maxSize: number) {
    this.#process = process;
    this.#maxSize = maxSize;
  }

  /** Resolves with the result of processing the whole `chunk` joined. */
  add(chunk: M[]): Promise<R> {
    if (this.#open && this.#open.items.length + chunk.length > this.#maxSize) this.#close(this.#open);
    const open = this.#open ?? this.#start();
    open.items.push(...chunk);
    if (open.items.length >= this.#maxSize) this.#close(open);
    return open.done.promise;
  }

  #start(): Open<M, R> {
    const open: Open<M, R> = { items: [], done: Promise.withResolvers<R>() };
    this.#open = open;
    // After the turn's other partitions have handed theirs in (I/O callbacks come before setImmediate).
    setImmediate(() => this.#close(open));
    return open;
  }

  #close(open: Open<M, R>): void {
    if (this.#open !== open) return;
    this.#open = undefined;
    this.#process(open.items).then(open.done.resolve, open.done.reject);
  }
}
