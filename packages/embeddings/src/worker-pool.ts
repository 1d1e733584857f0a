import { Worker } from 'node:worker_threads';

/** What the pool posts to a worker; the worker posts `'ready'` once, then answers each request. */
export interface WorkerRequest<I> {
  id: number;
  input: I;
}
export type WorkerReply<O> = { id: number; output: O } | { id: number; error: string };

/** A lane of work; lane 0 is served first, lane 1 when lane 0 has nothing waiting, and so on. */
export interface Lane {
  /**
   * Requests of this lane a worker may hold at once, the one it is running included. Two keep a
   * worker busy across the round trip to the next request; one lets a request of a lane before it
   * wait for no more than the one running.
   */
  perWorker: number;
  /**
   * Workers this lane leaves to the lanes before it: its requests are held by at most all but this
   * many workers at once (and by one at least), so on a machine with as many cores as workers, work
   * of this lane never takes the core an urgent request's own work (HTTP, a database query) needs.
   * The last lane only.
   */
  leaveFree?: number;
}

/** One caller's inputs, answered together. */
interface Job<I, O> {
  inputs: readonly I[];
  outputs: O[];
  /** The next input not yet sent to a worker. */
  next: number;
  unanswered: number;
  lane: number;
  settled: boolean;
  resolve: (outputs: O[]) => void;
  reject: (error: Error) => void;
}

interface Slot<I, O> {
  worker: Worker;
  /** What the worker was sent and owes an answer for, by request id. */
  owed: Map<number, { job: Job<I, O>; index: number }>;
  ready: boolean;
  /** When the request the worker is running now (or ran last) started, as far as the pool can tell (its answers come in order). */
  runningSince: number;
  failure?: string;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
const ONE_LANE: readonly Lane[] = [{ perWorker: 2 }];

/**
 * Worker threads running one script. Callers' inputs wait here, not in the workers' message queues,
 * so the order they are served in can still change when more urgent work arrives: the lane served
 * first, and within a lane the caller with the fewest inputs left, so a one-text caller never queues
 * behind a hundred-text one. A worker is sent no more than its lane allows (`Lane.perWorker`), the
 * least loaded ready worker first and, of equally loaded ones, the one likely to be free first.
 *
 * A worker keeps the process alive only while it owes answers. One that dies (out of memory, say)
 * fails what it owed and is replaced at once; work waits meanwhile for the replacement to load, so a
 * long-running service neither loses its workers one by one nor refuses work meanwhile.
 * Hand-written rather than piscina: piscina gives no ready signal to fail start-up on when the model
 * will not load (the caller then falls back to hashed embeddings), respawns a failing thread with no
 * pause, and has no priorities.
 */
export class WorkerPool<I, O> {
  readonly #name: string;
  readonly #script: URL;
  readonly #workerData: unknown;
  readonly #lanes: readonly Lane[];
  /** Jobs with inputs not yet sent, per lane. */
  readonly #queued: Job<I, O>[][];
  /** Every running worker, those still loading included. */
  readonly #slots: Slot<I, O>[] = [];
  #nextId = 0;
  #closed = false;
  #lastExit = '';
  #retry: NodeJS.Timeout | undefined;

  private constructor(name: string, script: URL, workerData: unknown, lanes: readonly Lane[]) {
    this.#name = name;
    this.#script = script;
    this.#workerData = workerData;
    this.#lanes = lanes;
    this.#queued = lanes.map(() => []);
  }

  /**
   * Starts `size` workers and resolves once each says it is ready; one that fails to start fails the pool.
   * A later lane may not allow a worker more than an earlier one: the first waiting job of the most
   * urgent lane must be the next one sent.
   */
  static async start<I, O>(
    name: string,
    script: URL,
    size: number,
    workerData: unknown,
    lanes: readonly Lane[] = ONE_LANE,
  ): Promise<WorkerPool<I, O>> {
    if (
      lanes.length === 0 ||
      lanes.some((l, i) => !Number.isInteger(l.perWorker) || l.perWorker < 1 || l.perWorker > (lanes[i - 1]?.perWorker ?? Infinity))
    )
      throw new Error('lanes need a positive perWorker each, never more than the lane before');
    // A lane held back by leaveFree while workers have room would hold back every lane after it too.
    if (lanes.some((l, i) => l.leaveFree !== undefined && (i !== lanes.length - 1 || !Number.isInteger(l.leaveFree) || l.leaveFree < 0)))
      throw new Error('only the last lane may leave workers free, a whole number of them');
    const pool = new WorkerPool<I, O>(name, script, workerData, lanes);
    const started = await Promise.allSettled(Array.from({ length: size }, () => pool.#spawn()));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) {
      await pool.close();
      throw failed.reason;
    }
    return pool;
  }

  /** Each input's answer, in order; one failed input fails the call. */
  run(inputs: readonly I[], lane = 0): Promise<O[]> {
    if (this.#closed) return Promise.reject(new Error(`the ${this.#name} workers are closed`));
    if (this.#slots.length === 0) return Promise.reject(new Error(`no ${this.#name} worker is running; the last one: ${this.#lastExit}`));
    if (lane < 0 || lane >= this.#lanes.length) return Promise.reject(new Error(`no lane ${lane}; the pool has ${this.#lanes.length}`));
    if (inputs.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const job: Job<I, O> = {
        inputs,
        outputs: new Array(inputs.length),
        next: 0,
        unanswered: inputs.length,
        lane,
        settled: false,
        resolve,
        reject,
      };
      this.#queued[lane]!.push(job);
      this.#dispatch();
    });
  }

  /** Stops every worker, those loading included; what they owed and what waited is failed. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
    this.#failQueued(`the ${this.#name} workers were closed`);
  }

  /** Sends waiting inputs, most urgent first, while a ready worker has room for them. */
  #dispatch(): void {
    for (;;) {
      const job = this.#nextJob();
      if (!job) return;
      const { perWorker, leaveFree } = this.#lanes[job.lane]!;
      const holding = (s: Slot<I, O>) => [...s.owed.values()].some((o) => o.job.lane === job.lane);
      const atLimit = leaveFree !== undefined && this.#slots.filter(holding).length >= Math.max(1, this.#slots.length - leaveFree);
      const slot = this.#slots
        .filter((s) => s.ready && s.owed.size < perWorker && (!atLimit || holding(s)))
        .reduce<Slot<I, O> | undefined>((best, s) => {
          if (!best) return s;
          if (best.owed.size !== s.owed.size) return best.owed.size < s.owed.size ? best : s;
          // Of two idle workers, the one used last: its copy of the model is still in the CPU's
          // caches (taking turns, single queries ran at 416/s against 550-630/s). Of two busy ones,
          // the one whose current request has run longer is likely to finish first.
          const sooner = best.owed.size === 0 ? best.runningSince >= s.runningSince : best.runningSince <= s.runningSince;
          return sooner ? best : s;
        }, undefined);
      if (!slot) return;
      const index = job.next++;
      if (job.next === job.inputs.length) this.#unqueue(job);
      const id = this.#nextId++;
      if (slot.owed.size === 0) {
        slot.worker.ref();
        slot.runningSince = performance.now();
      }
      slot.owed.set(id, { job, index });
      slot.worker.postMessage({ id, input: job.inputs[index]! } satisfies WorkerRequest<I>);
    }
  }

  /** The first lane's job with the fewest inputs left to send. */
  #nextJob(): Job<I, O> | undefined {
    const lane = this.#queued.find((jobs) => jobs.length > 0);
    return lane?.reduce((best, job) => (best.inputs.length - best.next <= job.inputs.length - job.next ? best : job));
  }

  #unqueue(job: Job<I, O>): void {
    const jobs = this.#queued[job.lane]!;
    const at = jobs.indexOf(job);
    if (at >= 0) jobs.splice(at, 1);
  }

  #fail(job: Job<I, O>, error: Error): void {
    if (job.settled) return;
    job.settled = true;
    this.#unqueue(job);
    job.reject(error);
  }

  #failQueued(why: string): void {
    for (const jobs of this.#queued) for (const job of [...jobs]) this.#fail(job, new Error(why));
  }

  /**
   * Resolves when the new worker is ready; until then work waits for a ready one.
   * `replacing` says it takes a dead worker's place: should it fail to load too, another try follows
   * after a pause that doubles each time, so a passing fault does not leave the pool short for good.
   */
  #spawn(replacing?: { pauseMs: number }): Promise<void> {
    return new Promise((resolve, reject) => {
      const slot: Slot<I, O> = {
        worker: new Worker(this.#script, { workerData: this.#workerData }),
        owed: new Map(),
        ready: false,
        runningSince: 0,
      };
      const { worker } = slot;
      this.#slots.push(slot);
      worker.on('error', (error) => {
        slot.failure = error.message;
        if (!slot.ready) reject(error);
      });
      worker.on('message', (message: 'ready' | WorkerReply<O>) => {
        if (message !== 'ready') return this.#answer(slot, message);
        slot.ready = true;
        worker.unref();
        resolve();
        this.#dispatch();
      });
      worker.on('exit', (code) => {
        const at = this.#slots.indexOf(slot);
        if (at >= 0) this.#slots.splice(at, 1);
        const why = this.#closed
          ? `the ${this.#name} workers were closed`
          : `one of the ${this.#name} workers stopped (exit code ${code})${slot.failure ? `: ${slot.failure}` : ''}`;
        this.#lastExit = why;
        for (const { job } of slot.owed.values()) this.#fail(job, new Error(why));
        if (!slot.ready) reject(new Error(why));
        // A worker of the first set that never loaded fails start(); it is not replaced.
        if (!this.#closed && slot.ready) this.#replace({ pauseMs: FIRST_RETRY_MS });
        else if (!this.#closed && replacing)
          this.#retry = setTimeout(
            () => this.#replace({ pauseMs: Math.min(2 * replacing.pauseMs, MAX_RETRY_MS) }),
            replacing.pauseMs,
          ).unref();
        // With no worker left, not even one loading, nothing would ever answer what waits.
        if (this.#slots.length === 0) this.#failQueued(`no ${this.#name} worker is running; the last one: ${why}`);
      });
    });
  }

  #replace(replacing: { pauseMs: number }): void {
    this.#spawn(replacing).catch(() => undefined);
  }

  #answer(slot: Slot<I, O>, reply: WorkerReply<O>): void {
    const owed = slot.owed.get(reply.id);
    if (!owed) return;
    slot.owed.delete(reply.id);
    if (slot.owed.size === 0) slot.worker.unref();
    else slot.runningSince = performance.now();
    const { job, index } = owed;
    if ('error' in reply) this.#fail(job, new Error(reply.error));
    else if (!job.settled) {
      job.outputs[index] = reply.output;
      if (--job.unanswered === 0) {
        job.settled = true;
        job.resolve(job.outputs);
      }
    }
    this.#dispatch();
  }
}
