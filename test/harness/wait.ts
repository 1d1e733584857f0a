import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `condition` until it holds; fails after `timeoutMs` with what `progress` says. */
export const waitFor = async (
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  progress: () => string = () => '',
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${progress()}`);
    await sleep(100);
  }
};
