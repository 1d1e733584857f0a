import { Worker } from 'node:worker_threads';

/** What the pool posts to a worker; the worker posts `'ready'` once, then answers each request. */
export interface WorkerRequest<I> {
  id: number;
  input: I;
}
export type WorkerReply<O> = { id: number; output: O } | { id: number; error: string };

interface Waiting<O> {
  resolve: (output: O) => void;
  reject: (error: Error) => void;
}

interface Slot<O> {
  worker: Worker;
  waiting: Map<number, Waiting<O>>;
  ready: boolean;
  failure?: string;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * Worker threads running one script, each request sent to the worker with the fewest unanswered.
 * A worker keeps the process alive only while it owes answers. One that dies (out of memory, say)
 * fails what it owed and is replaced at once; requests sent to the replacement wait until it has
 * loaded, so a long-running service neither loses its workers one by one nor refuses work meanwhile.
 * Hand-written rather than piscina: piscina gives no ready signal to fail start-up on when the model will
 * not load (the caller then falls back to hashed embeddings), and respawns a failing thread with no pause.
 */
export class WorkerPool<I, O> {
  readonly #name: string;
  readonly #script: URL;
  readonly #workerData: unknown;
  /** Every running worker, those still loading included. */
  readonly #slots: Slot<O>[] = [];
  #nextId = 0;
  #closed = false;
  #lastExit = '';
  #retry: NodeJS.Timeout | undefined;

  private constructor(name: string, script: URL, workerData: unknown) {
    this.#name = name;
    this.#script = script;
    this.#workerData = workerData;
  }

  /** Starts `size` workers and resolves once each says it is ready; one that fails to start fails the pool. */
  static async start<I, O>(name: string, script: URL, size: number, workerData: unknown): Promise<WorkerPool<I, O>> {
    const pool = new WorkerPool<I, O>(name, script, workerData);
    const started = await Promise.allSettled(Array.from({ length: size }, () => pool.#spawn()));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) {
      await pool.close();
      throw failed.reason;
    }
    return pool;
  }

  run(input: I): Promise<O> {
    if (this.#closed) return Promise.reject(new Error(`the ${this.#name} workers are closed`));
    // A loading replacement only when no worker is ready: a ready one answers sooner even if it owes more.
    const candidates = this.#slots.some((s) => s.ready) ? this.#slots.filter((s) => s.ready) : this.#slots;
    const slot = candidates.reduce<Slot<O> | undefined>((best, s) => (best && best.waiting.size <= s.waiting.size ? best : s), undefined);
    if (!slot) return Promise.reject(new Error(`no ${this.#name} worker is running; the last one: ${this.#lastExit}`));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (slot.waiting.size === 0) slot.worker.ref();
      slot.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, input } satisfies WorkerRequest<I>);
    });
  }

  /** Stops every worker, those loading included; what they owed is failed. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  /**
   * Resolves when the new worker is ready; until then it takes requests, which it reads once loaded.
   * `replacing` says it takes a dead worker's place: should it fail to load too, another try follows
   * after a pause that doubles each time, so a passing fault does not leave the pool short for good.
   */
  #spawn(replacing?: { pauseMs: number }): Promise<void> {
    return new Promise((resolve, reject) => {
      const slot: Slot<O> = { worker: new Worker(this.#script, { workerData: this.#workerData }), waiting: new Map(), ready: false };
      const { worker } = slot;
      this.#slots.push(slot);
      worker.on('error', (error) => {
        slot.failure = error.message;
        if (!slot.ready) reject(error);
      });
      worker.on('message', (message: 'ready' | WorkerReply<O>) => {
        if (message !== 'ready') return this.#answer(slot, message);
        slot.ready = true;
        if (slot.waiting.size === 0) worker.unref();
        resolve();
      });
      worker.on('exit', (code) => {
        const at = this.#slots.indexOf(slot);
        if (at >= 0) this.#slots.splice(at, 1);
        const why = this.#closed
          ? `the ${this.#name} workers were closed`
          : `one of the ${this.#name} workers stopped (exit code ${code})${slot.failure ? `: ${slot.failure}` : ''}`;
        this.#lastExit = why;
        for (const { reject: fail } of slot.waiting.values()) fail(new Error(why));
        if (!slot.ready) reject(new Error(why));
        if (this.#closed) return;
        // A worker of the first set that never loaded fails start(); it is not replaced.
        if (slot.ready) this.#replace({ pauseMs: FIRST_RETRY_MS });
        else if (replacing)
          this.#retry = setTimeout(
            () => this.#replace({ pauseMs: Math.min(2 * replacing.pauseMs, MAX_RETRY_MS) }),
            replacing.pauseMs,
          ).unref();
      });
    });
  }

  #replace(replacing: { pauseMs: number }): void {
    this.#spawn(replacing).catch(() => undefined);
  }

  #answer(slot: Slot<O>, reply: WorkerReply<O>): void {
    const waiting = slot.waiting.get(reply.id);
    if (!waiting) return;
    slot.waiting.delete(reply.id);
    if (slot.waiting.size === 0) slot.worker.unref();
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.output);
  }
}
