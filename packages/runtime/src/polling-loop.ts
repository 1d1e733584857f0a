import { setTimeout as sleep } from 'node:timers/promises';
import type { Component } from './lifecycle.ts';
import type { Logger } from './logger.ts';

export interface PollingLoopOptions {
  name: string;
  logger: Logger;
  /**
   * One round of work. Resolves to how long to idle before the next round (0 still yields to the
   * event loop), or `undefined` to start the next one at once; wake() and drain() end an idle early.
   * A pause first, `{ pauseMs, idleMs }`, is a wait only drain() ends: a wake during it is kept, and
   * ends the idle after it at once.
   */
  round: () => Promise<number | undefined | { pauseMs: number; idleMs: number }>;
  /** Logged, with the error, when a round throws. */
  failure: string;
  /** How long to wait after a round threw. drain() ends this wait early; wake() only if `wakeRetries`. */
  retryMs: number;
  /** Whether wake() also ends the wait after a failure (by default a burst of wakes is not a burst of retries). */
  wakeRetries?: boolean;
}

export interface PollingLoop extends Component {
  /** Work may be waiting: end the current idle now, or skip the next one if a round is under way. */
  wake(): void;
  start(): Promise<void>;
  /** Stops the loop once the current round is done. */
  drain(): Promise<void>;
}

/** A background loop that runs `round` until drained, idling between rounds as each one asks. */
export const pollingLoop = (options: PollingLoopOptions): PollingLoop => {
  let running = false;
  let loop: Promise<void> | undefined;
  // A wake during a round must not be lost (what it announces may have missed that round): it
  // stands until the next round begins.
  let woken = false;
  let interrupt: { controller: AbortController; wakeable: boolean } | undefined;

  const idle = async (ms: number, wakeable: boolean) => {
    if (!running || (wakeable && woken)) return;
    const controller = new AbortController();
    interrupt = { controller, wakeable };
    await sleep(ms, undefined, { signal: controller.signal }).catch(() => undefined);
    interrupt = undefined;
  };

  const run = async () => {
    while (running) {
      woken = false;
      try {
        const next = await options.round();
        if (typeof next === 'object') {
          if (next.pauseMs > 0) await idle(next.pauseMs, false);
          await idle(next.idleMs, true);
        } else if (next !== undefined) await idle(next, true);
      } catch (err) {
        options.logger.warn(options.failure, { err });
        await idle(options.retryMs, options.wakeRetries ?? false);
      }
    }
  };

  return {
    name: options.name,
    wake() {
      woken = true;
      if (interrupt?.wakeable) interrupt.controller.abort();
    },
    async start() {
      running = true;
      loop = run();
    },
    async drain() {
      running = false;
      interrupt?.controller.abort();
      await loop;
    },
  };
};
