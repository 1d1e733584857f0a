import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLogger, pollingLoop, type PollingLoopOptions } from '../src/index.ts';

const logger = createLogger({ service: 'polling-loop-test', level: 'error' });
/** Far longer than any test waits: only a wake or a drain ends it. */
const LONG_MS = 60_000;

/** A loop running `round`, retrying after a failure only after `LONG_MS` unless told otherwise. */
const loopOf = (round: PollingLoopOptions['round'], wakeRetries?: boolean) =>
  pollingLoop({ name: 'test', logger, round, failure: 'failed', retryMs: LONG_MS, ...(wakeRetries === undefined ? {} : { wakeRetries }) });

describe('polling loop', () => {
  it('idles as each round asks, until woken', async () => {
    let rounds = 0;
    const loop = loopOf(async () => {
      rounds += 1;
      return LONG_MS;
    });
    await loop.start();
    await sleep(20);
    expect(rounds).toBe(1);
    loop.wake();
    await sleep(20);
    expect(rounds).toBe(2);
    await loop.drain();
  });

  it('keeps a wake that comes during a round for the idle after it', async () => {
    let rounds = 0;
    let release = () => {};
    const loop = loopOf(async () => {
      rounds += 1;
      if (rounds === 1) await new Promise<void>((resolve) => (release = resolve));
      return LONG_MS;
    });
    await loop.start();
    loop.wake();
    release();
    await sleep(20);
    expect(rounds).toBe(2);
    await loop.drain();
  });

  it('starts the next round at once when a round asks for no idle', async () => {
    let rounds = 0;
    const loop = loopOf(async () => (++rounds < 3 ? undefined : LONG_MS));
    await loop.start();
    await sleep(20);
    expect(rounds).toBe(3);
    await loop.drain();
  });

  it('pauses as a round asks despite wakes, keeps them for the idle after, and ends the pause on drain', async () => {
    let rounds = 0;
    const loop = loopOf(async () => {
      rounds += 1;
      return rounds === 1 ? { pauseMs: 200, idleMs: LONG_MS } : { pauseMs: LONG_MS, idleMs: LONG_MS };
    });
    await loop.start();
    await sleep(20);
    loop.wake();
    await sleep(20);
    expect(rounds).toBe(1);
    // The wake during the pause ended the long idle after it.
    await sleep(400);
    expect(rounds).toBe(2);
    const started = Date.now();
    await loop.drain();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('waits out a failure despite wakes, unless told wakes end it too', async () => {
    for (const wakeRetries of [false, true]) {
      let rounds = 0;
      const loop = loopOf(async () => {
        rounds += 1;
        if (rounds === 1) throw new Error('down');
        return LONG_MS;
      }, wakeRetries);
      await loop.start();
      await sleep(20);
      loop.wake();
      await sleep(20);
      expect(rounds).toBe(wakeRetries ? 2 : 1);
      await loop.drain();
    }
  });

  it('drains promptly, also from an idle begun after the drain was asked for', async () => {
    let release = () => {};
    const loop = loopOf(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return LONG_MS;
    });
    await loop.start();
    await sleep(5);
    const drained = loop.drain();
    release();
    const started = Date.now();
    await drained;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
