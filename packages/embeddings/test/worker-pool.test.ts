import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerPool } from '../src/worker-pool.ts';

const echo = new URL('./fixtures/echo-worker.ts', import.meta.url);
const text = (answer: string) => answer.split('@')[0];
const thread = (answer: string) => answer.split('@')[1];
const niceness = (answer: string) => Number(answer.split('@')[2]);
const BACKGROUND_LANES = [{ perWorker: 2 }, { perWorker: 1, background: true }];

describe('WorkerPool', () => {
  let pool: WorkerPool<string, string> | undefined;
  afterEach(() => pool?.close());
  /** One input's answer. */
  const one = async (input: string) => (await pool!.run([input]))[0]!;

  it('spreads concurrent requests over its workers and answers each one', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 2, undefined);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((t) => one(t)));
    expect(answers.map(text)).toEqual(['A', 'B', 'C', 'D']);
    expect(new Set(answers.map(thread)).size).toBe(2);
  });

  it('answers a call of many inputs in order, spread over its workers', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 2, undefined);
    const answers = await pool.run(['a', 'b', 'c', 'd', 'e']);
    expect(answers.map(text)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(new Set(answers.map(thread)).size).toBe(2);
  });

  it('serves an earlier lane first, and in a lane the call with the fewest inputs left', async () => {
    // One worker given one input at a time answers in the order the pool sends them.
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined, [{ perWorker: 1 }, { perWorker: 1 }, { perWorker: 1 }]);
    const finished: string[] = [];
    const call = (name: string, inputs: string[], lane: number) => pool!.run(inputs, lane).then(() => finished.push(name));
    // The bulk call's first input is sent at once, to the idle worker; everything after waits in the pool.
    await Promise.all([
      call('bulk', ['b1', 'b2', 'b3'], 2),
      call('long batch', ['l1', 'l2', 'l3', 'l4'], 1),
      call('short batch', ['s1'], 1),
      call('query', ['q'], 0),
    ]);
    expect(finished).toEqual(['query', 'short batch', 'long batch', 'bulk']);
  });

  it('sends a worker no more of a lane than the lane allows', async () => {
    // The echo worker answers each input 20 ms after it arrives, so answers come in the order inputs arrived.
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined, [{ perWorker: 2 }, { perWorker: 1 }]);
    const finished: string[] = [];
    const bulk = pool.run(['b1', 'b2'], 1).then(() => finished.push('bulk'));
    // The worker holds one bulk input, so the query is sent beside it, ahead of the second.
    const query = pool.run(['q'], 0).then(() => finished.push('query'));
    await Promise.all([bulk, query]);
    expect(finished).toEqual(['query', 'bulk']);
  });

  it('sends to the worker likely to be free first: of two equally busy, the one busy for longer', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 2, undefined, [{ perWorker: 2 }, { perWorker: 1 }]);
    // The first worker answers 'x' and is given 'slow2' after the second worker began 'slow1'.
    const x = pool.run(['x'], 1);
    const slow1 = pool.run(['slow1'], 1);
    await x;
    const slow2 = pool.run(['slow2'], 1);
    const [query] = await pool.run(['q'], 0);
    const [[one], [two]] = await Promise.all([slow1, slow2]);
    expect(thread(one!)).not.toBe(thread(two!));
    expect(thread(query!)).toBe(thread(one!));
  });

  it('runs the background lane on a worker of its own, started when needed, at the lowest priority', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined, BACKGROUND_LANES);
    const [first] = await pool.run(['a'], 0);
    const finished: string[] = [];
    const bulk = pool.run(['slow1', 'slow2'], 1).then((answers) => {
      finished.push('bulk');
      return answers;
    });
    // The only foreground worker is free for the query, even though the bulk call came first.
    const query = pool.run(['q'], 0).then((answers) => {
      finished.push('query');
      return answers;
    });
    const [[slow1, slow2], [q]] = await Promise.all([bulk, query]);
    expect(finished).toEqual(['query', 'bulk']);
    expect(thread(q!)).toBe(thread(first!));
    expect(thread(slow1!)).not.toBe(thread(first!));
    expect(thread(slow2!)).toBe(thread(slow1!));
    expect(niceness(q!)).toBe(0);
    // A thread's nice value is its own on Linux only; elsewhere the worker keeps the normal priority.
    expect(niceness(slow1!)).toBe(process.platform === 'linux' ? 19 : 0);
  });

  it('stops the background worker after a while without work, and starts another for the next', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined, BACKGROUND_LANES);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const [before] = await pool.run(['b1'], 1);
      vi.advanceTimersByTime(29_000);
      expect(thread((await pool.run(['b2'], 1))[0]!)).toBe(thread(before!));
      vi.advanceTimersByTime(30_000);
      const [after] = await pool.run(['b3'], 1);
      expect(after).toMatch(/^B3@/);
      expect(thread(after!)).not.toBe(thread(before!));
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails what waits for a background worker that will not load, and tries again for later work', async () => {
    // Load 0 is the foreground worker, load 1 the first background worker (fails), load 2 the next.
    const flaky = { loads: new Int32Array(new SharedArrayBuffer(4)), failing: [1] };
    pool = await WorkerPool.start<string, string>('echo', echo, 1, flaky, BACKGROUND_LANES);
    await expect(pool.run(['b1'], 1)).rejects.toThrow(/no echo background worker would start: .*a passing fault/);
    expect((await pool.run(['q'], 0)).map(text)).toEqual(['Q']);
    expect((await pool.run(['b2'], 1)).map(text)).toEqual(['B2']);
  });

  it('lets only the last lane run in the background, and not as the only one', async () => {
    await expect(WorkerPool.start('echo', echo, 1, undefined, [{ perWorker: 1, background: true }, { perWorker: 1 }])).rejects.toThrow(
      'only the last lane may run in the background',
    );
    await expect(WorkerPool.start('echo', echo, 1, undefined, [{ perWorker: 1, background: true }])).rejects.toThrow('not the only one');
  });

  it('refuses lanes that allow a worker more than the lane before', async () => {
    await expect(WorkerPool.start('echo', echo, 1, undefined, [{ perWorker: 1 }, { perWorker: 2 }])).rejects.toThrow(
      'never more than the lane before',
    );
  });

  it("passes a worker's error to the caller of that request only", async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined);
    const [failed, fine] = await Promise.allSettled([one('fail'), one('ok')]);
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'told to fail' } });
    expect(fine).toMatchObject({ status: 'fulfilled' });
  });

  it('fails what a dying worker owed and leaves the other workers alone', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 2, undefined);
    // Four requests, two per worker: the worker given 'die' owes it and the one after it.
    const settled = await Promise.allSettled(['die', 'c', 'd', 'e'].map((t) => one(t)));
    const failed = settled.filter((s) => s.status === 'rejected');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const f of failed) expect(String(f.reason)).toContain('one of the echo workers stopped (exit code 3)');
    expect(settled.filter((s) => s.status === 'fulfilled').length).toBeGreaterThanOrEqual(2);
    expect((await Promise.all(['x', 'y', 'z'].map((t) => one(t)))).map(text)).toEqual(['X', 'Y', 'Z']);
  });

  it('replaces a dead worker at once, and requests wait for the replacement to load rather than fail', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined);
    const before = thread(await one('a'));
    await expect(one('die')).rejects.toThrow('one of the echo workers stopped (exit code 3)');
    const after = await Promise.all(['x', 'y'].map((t) => one(t)));
    expect(after.map(text)).toEqual(['X', 'Y']);
    expect(thread(after[0]!)).not.toBe(before);
  });

  it('tries again, after a pause, a replacement that failed to load', async () => {
    // Load 0 is the first worker, load 1 its replacement (fails), load 2 the next try.
    const flaky = { loads: new Int32Array(new SharedArrayBuffer(4)), failing: [1] };
    pool = await WorkerPool.start<string, string>('echo', echo, 1, flaky);
    await expect(one('die')).rejects.toThrow('exit code 3');
    const refusals: string[] = [];
    let answer: string | undefined;
    while (answer === undefined && refusals.length < 100) {
      answer = await one('x').catch((error: Error) => void refusals.push(error.message));
      if (answer === undefined) await sleep(50);
    }
    expect(answer).toMatch(/^X@/);
    expect(refusals.at(-1)).toMatch(/no echo worker is running; the last one: .*a passing fault/);
    expect(Atomics.load(flaky.loads, 0)).toBe(3);
  });

  it('fails to start when a worker fails to load', async () => {
    await expect(WorkerPool.start('broken', new URL('./fixtures/broken-worker.ts', import.meta.url), 2, undefined)).rejects.toThrow(
      'cannot load the model',
    );
  });

  it('fails what its workers owed when closed, and refuses work after', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined);
    const owed = one('slow');
    await pool.close();
    await expect(owed).rejects.toThrow('the echo workers were closed');
    await expect(one('x')).rejects.toThrow('the echo workers are closed');
  });
});
