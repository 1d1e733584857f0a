import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../src/worker-pool.ts';

const echo = new URL('./fixtures/echo-worker.ts', import.meta.url);
const text = (answer: string) => answer.split('@')[0];
const thread = (answer: string) => answer.split('@')[1];

describe('WorkerPool', () => {
  let pool: WorkerPool<string, string> | undefined;
  afterEach(() => pool?.close());

  it('spreads concurrent requests over its workers and answers each one', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 2, undefined);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((t) => pool!.run(t)));
    expect(answers.map(text)).toEqual(['A', 'B', 'C', 'D']);
    expect(new Set(answers.map(thread)).size).toBe(2);
  });

  it("passes a worker's error to the caller of that request only", async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined);
    const [failed, fine] = await Promise.allSettled([pool.run('fail'), pool.run('ok')]);
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'told to fail' } });
    expect(fine).toMatchObject({ status: 'fulfilled' });
  });

  it('fails what a dying worker owed and leaves the other workers alone', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 2, undefined);
    // Four requests, two per worker: the worker given 'die' owes it and the one after it.
    const settled = await Promise.allSettled(['die', 'c', 'd', 'e'].map((t) => pool!.run(t)));
    const failed = settled.filter((s) => s.status === 'rejected');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const f of failed) expect(String(f.reason)).toContain('one of the echo workers stopped (exit code 3)');
    expect(settled.filter((s) => s.status === 'fulfilled').length).toBeGreaterThanOrEqual(2);
    expect((await Promise.all(['x', 'y', 'z'].map((t) => pool!.run(t)))).map(text)).toEqual(['X', 'Y', 'Z']);
  });

  it('replaces a dead worker at once, and requests wait for the replacement to load rather than fail', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined);
    const before = thread(await pool.run('a'));
    await expect(pool.run('die')).rejects.toThrow('one of the echo workers stopped (exit code 3)');
    const after = await Promise.all(['x', 'y'].map((t) => pool!.run(t)));
    expect(after.map(text)).toEqual(['X', 'Y']);
    expect(thread(after[0]!)).not.toBe(before);
  });

  it('tries again, after a pause, a replacement that failed to load', async () => {
    // Load 0 is the first worker, load 1 its replacement (fails), load 2 the next try.
    const flaky = { loads: new Int32Array(new SharedArrayBuffer(4)), failing: [1] };
    pool = await WorkerPool.start<string, string>('echo', echo, 1, flaky);
    await expect(pool.run('die')).rejects.toThrow('exit code 3');
    const refusals: string[] = [];
    let answer: string | undefined;
    while (answer === undefined && refusals.length < 100) {
      answer = await pool.run('x').catch((error: Error) => void refusals.push(error.message));
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
    const owed = pool.run('slow');
    await pool.close();
    await expect(owed).rejects.toThrow('the echo workers were closed');
    await expect(pool.run('x')).rejects.toThrow('the echo workers are closed');
  });
});
