import type { Logger } from './logger.ts';

/** A part of a process that can be started and stopped; stopping finishes in-flight work first. */
export interface Component {
  name: string;
  start?(): Promise<void>;
  /** Phase one: stop taking new work (close the HTTP listener, stop consuming). */
  drain?(): Promise<void>;
  /** Phase two: release resources (producers, pools). */
  close?(): Promise<void>;
}

export interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts components in order and stops them in two phases, in reverse order: every component
 * drains before any closes, so in-flight work can still publish and commit.
 */
export const createLifecycle = (components: Component[], logger: Logger): Lifecycle => {
  const started: Component[] = [];
  let stopping: Promise<void> | undefined;
  return {
    async start() {
      for (const c of components) {
        await c.start?.();
        started.push(c);
        logger.debug('started', { component: c.name });
      }
    },
    stop() {
      stopping ??= (async () => {
        const reversed = [...started].reverse();
        for (const c of reversed) await c.drain?.();
        for (const c of reversed) await c.close?.();
      })();
      return stopping;
    },
  };
};

/** After a failure no supervisor's kill timeout backs a stop up: one that hangs this long is cut short. */
const STOP_AFTER_FAILURE_MS = 30_000;

/** Stops the lifecycle (in-flight work finishes and commits), then exits with `code`, or 1 if stopping failed. */
export const stopAndExit = (lifecycle: Lifecycle, logger: Logger, code: number): void => {
  if (code !== 0) {
    setTimeout(() => {
      logger.error('stopping took too long; exiting', { afterMs: STOP_AFTER_FAILURE_MS });
      process.exit(1);
    }, STOP_AFTER_FAILURE_MS).unref();
  }
  lifecycle.stop().then(
    () => {
      logger.info('stopped');
      process.exit(code);
    },
    (err: unknown) => {
      logger.error('stop failed', { err });
      process.exit(1);
    },
  );
};

/** Runs a lifecycle until SIGTERM/SIGINT, then stops it cleanly; a second signal forces exit. */
export const runUntilSignal = async (lifecycle: Lifecycle, logger: Logger): Promise<void> => {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    logger.info('stopping', { signal });
    stopAndExit(lifecycle, logger, 0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    await lifecycle.start();
  } catch (err) {
    logger.error('start failed', { err });
    await lifecycle.stop().catch(() => undefined);
    process.exit(1);
  }
};
