import { setPriority } from 'node:os';
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
   * Served by a worker of its own, started when the lane first has work and stopped after a while
   * without, whose thread runs at the lowest CPU priority (`runAsAsked`): it takes only the CPU time
   * nothing else on the machine wants, so an import delays neither a query's own work (its forward
   * pass, HTTP, the database) nor a ticket's, and still runs at full speed on an idle machine. The
   * last lane only.
   */
  background?: boolean;
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
  /** Serves the background lane, and only it. */
  background: boolean;
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
/** A background worker idle this long is stopped: its model's memory is not held for the next import. */
const BACKGROUND_IDLE_MS = 30_000;
/** How a worker is told it serves the background lane (see `runAsAsked`). */
const BACKGROUND_ARG = '--triage-background-worker';
/** The nice value of a background worker's thread: the lowest priority there is. */
const LOWEST_PRIORITY = 19;

/**
 * Called first by a worker script: a background worker lowers its own thread's CPU priority. Only
 * on Linux, where a nice value belongs to a thread (setpriority on "the caller" is the calling
 * thread); elsewhere it would lower the whole process, so the worker runs at normal priority there.
 */
export const runAsAsked = (): void => {
  if (!process.argv.includes(BACKGROUND_ARG) || process.platform !== 'linux') return;
  try {
    setPriority(LOWEST_PRIORITY);
  } catch {
    // A sandbox may forbid it; the worker then runs at normal priority, as on other systems.
  }
};

/**
 * Worker threads running one script. Callers' inputs wait here, not in the workers' message queues,
 * so the order they are served in can still change when more urgent work arrives: the lane served
 * first, and within a lane the caller with the fewest inputs left, so a one-text caller never queues
 * behind a hundred-text one. A worker is sent no more than its lane allows (`Lane.perWorker`), the
 * least loaded ready worker first and, of equally loaded ones, the one likely to be free first.
 *
 * The background lane, if there is one, has a low-priority worker of its own (`Lane.background`).
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
  /** Stops the background worker once it has been idle for `BACKGROUND_IDLE_MS`. */
  #idleBackground: NodeJS.Timeout | undefined;

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
    if (lanes.some((l, i) => l.background && (i !== lanes.length - 1 || i === 0)))
      throw new Error('only the last lane may run in the background, and not the only one');
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
    if (lane < 0 || lane >= this.#lanes.length) return Promise.reject(new Error(`no lane ${lane}; the pool has ${this.#lanes.length}`));
    // The background worker is started on demand; the others are replaced as they stop, unless none would load.
    if (!this.#inBackground(lane) && !this.#slots.some((s) => !s.background))
      return Promise.reject(new Error(`no ${this.#name} worker is running; the last one: ${this.#lastExit}`));
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
    clearTimeout(this.#idleBackground);
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
    this.#failQueued(`the ${this.#name} workers were closed`);
  }

  /** Sends waiting inputs, most urgent first, while a ready worker of their kind has room for them. */
  #dispatch(): void {
    this.#dispatchTo(false);
    this.#dispatchTo(true);
  }

  #dispatchTo(background: boolean): void {
    for (;;) {
      const job = this.#nextJob(background);
      if (!job) return;
      const slots = this.#slots.filter((s) => s.background === background);
      if (background && slots.length === 0) {
        this.#spawn(undefined, true).catch(() => undefined);
        return;
      }
      const { perWorker } = this.#lanes[job.lane]!;
      const slot = slots
        .filter((s) => s.ready && s.owed.size < perWorker)
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
        if (background) clearTimeout(this.#idleBackground);
      }
      slot.owed.set(id, { job, index });
      slot.worker.postMessage({ id, input: job.inputs[index]! } satisfies WorkerRequest<I>);
    }
  }

  /** Of the lanes served by the kind of worker asked for, the first one's job with the fewest inputs left to send. */
  #nextJob(background: boolean): Job<I, O> | undefined {
    const lane = this.#queued.find((jobs, i) => jobs.length > 0 && this.#inBackground(i) === background);
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

  #inBackground(lane: number): boolean {
    return this.#lanes[lane]!.background ?? false;
  }

  /** Fails what waits for the kind of worker asked for, or for any. */
  #failQueued(why: string, background?: boolean): void {
    this.#queued.forEach((jobs, lane) => {
      if (background === undefined || this.#inBackground(lane) === background) for (const job of [...jobs]) this.#fail(job, new Error(why));
    });
  }

  /**
   * Resolves when the new worker is ready; until then work waits for a ready one.
   * `replacing` says it takes a dead worker's place: should it fail to load too, another try follows
   * after a pause that doubles each time, so a passing fault does not leave the pool short for good.
   * A background worker is started on demand instead: one that fails to load fails what waits for
   * it, and the lane's next work tries again.
   */
  #spawn(replacing?: { pauseMs: number }, background = false): Promise<void> {
    return new Promise((resolve, reject) => {
      const slot: Slot<I, O> = {
        worker: new Worker(this.#script, { workerData: this.#workerData, ...(background ? { argv: [BACKGROUND_ARG] } : {}) }),
        background,
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
        if (background && slot.owed.size === 0) this.#retireWhenIdle(slot);
      });
      worker.on('exit', (code) => {
        const at = this.#slots.indexOf(slot);
        // A retired background worker was taken out of the pool before it was stopped.
        if (at < 0 && !this.#closed) return;
        if (at >= 0) this.#slots.splice(at, 1);
        const why = this.#closed
          ? `the ${this.#name} workers were closed`
          : `one of the ${this.#name} workers stopped (exit code ${code})${slot.failure ? `: ${slot.failure}` : ''}`;
        this.#lastExit = why;
        for (const { job } of slot.owed.values()) this.#fail(job, new Error(why));
        if (!slot.ready) reject(new Error(why));
        if (this.#closed) return;
        if (background) {
          // Started again by what waits for it, unless it never loaded.
          if (slot.ready) this.#dispatch();
          else this.#failQueued(`no ${this.#name} background worker would start: ${why}`, true);
          return;
        }
        // A worker of the first set that never loaded fails start(); it is not replaced.
        if (slot.ready) this.#replace({ pauseMs: FIRST_RETRY_MS });
        else if (replacing)
          this.#retry = setTimeout(
            () => this.#replace({ pauseMs: Math.min(2 * replacing.pauseMs, MAX_RETRY_MS) }),
            replacing.pauseMs,
          ).unref();
        // With no worker left, not even one loading, nothing would ever answer what waits.
        if (!this.#slots.some((s) => !s.background)) this.#failQueued(`no ${this.#name} worker is running; the last one: ${why}`, false);
      });
    });
  }

  #replace(replacing: { pauseMs: number }): void {
    this.#spawn(replacing).catch(() => undefined);
  }

  /** Stops an idle background worker after `BACKGROUND_IDLE_MS`, taking it out of the pool first so no work is sent to it meanwhile. */
  #retireWhenIdle(slot: Slot<I, O>): void {
    clearTimeout(this.#idleBackground);
    this.#idleBackground = setTimeout(() => {
      const at = this.#slots.indexOf(slot);
      if (at < 0 || slot.owed.size > 0) return;
      this.#slots.splice(at, 1);
      void slot.worker.terminate();
    }, BACKGROUND_IDLE_MS).unref();
  }

  #answer(slot: Slot<I, O>, reply: WorkerReply<O>): void {
    const owed = slot.owed.get(reply.id);
    if (!owed) return;
    slot.owed.delete(reply.id);
    if (slot.owed.size === 0) {
      slot.worker.unref();
      if (slot.background) this.#retireWhenIdle(slot);
    } else slot.runningSince = performance.now();
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
