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

  it('fails what a dying worker owed, leaves the other workers alone, and replaces it at once', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 2, undefined);
    const threads = new Set((await Promise.all(['a', 'b'].map((t) => pool!.run(t)))).map(thread));
    // Four requests, two per worker: the worker given 'die' owes it and the one after it.
    const settled = await Promise.allSettled(['die', 'c', 'd', 'e'].map((t) => pool!.run(t)));
    const failed = settled.filter((s) => s.status === 'rejected');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const f of failed) expect(String(f.reason)).toContain('one of the echo workers stopped (exit code 3)');
    expect(settled.filter((s) => s.status === 'fulfilled').length).toBeGreaterThanOrEqual(2);

    // Straight away, with one worker only just starting: requests wait for it rather than fail.
    const after = await Promise.all(['x', 'y', 'z', 'w'].map((t) => pool!.run(t)));
    expect(after.map(text)).toEqual(['X', 'Y', 'Z', 'W']);
    expect(after.map(thread).some((t) => !threads.has(t!))).toBe(true);
  });

  it('fails to start when a worker fails to load', async () => {
    await expect(WorkerPool.start('broken', new URL('./fixtures/broken-worker.ts', import.meta.url), 2, undefined)).rejects.toThrow('cannot load the model');
  });

  it('fails what its workers owed when closed, and refuses work after', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined);
    const owed = pool.run('slow');
    await pool.close();
    await expect(owed).rejects.toThrow('the echo workers were closed');
    await expect(pool.run('x')).rejects.toThrow('the echo workers are closed');
  });
});
