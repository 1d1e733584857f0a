import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../src/worker-pool.ts';

const echo = new URL('./fixtures/echo-worker.ts', import.meta.url);
const thread = (answer: string) => answer.split('@')[1];

describe('WorkerPool', () => {
  let pool: WorkerPool<string, string> | undefined;
  afterEach(() => pool?.close());

  it('spreads concurrent requests over its workers and answers each one', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 2, undefined);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((text) => pool!.run(text)));
    expect(answers.map((a) => a.split('@')[0])).toEqual(['A', 'B', 'C', 'D']);
    expect(new Set(answers.map(thread)).size).toBe(2);
  });

  it("passes a worker's error to the caller of that request only", async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined);
    const [failed, fine] = await Promise.allSettled([pool.run('fail'), pool.run('ok')]);
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'told to fail' } });
    expect(fine).toMatchObject({ status: 'fulfilled' });
  });

  it('fails what a dying worker owed and replaces it', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined);
    const before = thread(await pool.run('x'));
    await expect(pool.run('die')).rejects.toThrow('one of the echo workers stopped (exit code 3)');
    let after: string | undefined;
    for (let i = 0; i < 100 && after === undefined; i++) {
      // Until the replacement is up there is no worker to take the request.
      after = await pool.run('y').catch(() => sleep(50, undefined));
    }
    expect(after?.split('@')[0]).toBe('Y');
    expect(thread(after!)).not.toBe(before);
  });

  it('fails to start when a worker fails to load, and leaves no worker running', async () => {
    await expect(WorkerPool.start('broken', new URL('./fixtures/broken-worker.ts', import.meta.url), 2, undefined)).rejects.toThrow('cannot load the model');
  });

  it('refuses work once closed', async () => {
    pool = await WorkerPool.start<string, string>('echo', echo, 1, undefined);
    await pool.close();
    await expect(pool.run('x')).rejects.toThrow('the echo workers are closed');
  });
});
