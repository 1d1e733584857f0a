import { describe, expect, it } from 'vitest';
import type { Outbound } from '../src/dead-letter.ts';
import { JoinedChunks } from '../src/kafka/joined-chunks.ts';
import type { TopicMessage } from '../src/types.ts';

const message = (partition: number, offset: number): TopicMessage => ({
  topic: 'tickets.received',
  partition,
  offset: String(offset),
  key: `t-${partition}-${offset}`,
  value: Buffer.from('{}'),
  headers: {},
});

/** A joiner whose handler echoes each message's key to `out`, recording its calls and publishes. */
const echo = (maxSize: number, publishing?: Promise<void>) => {
  const calls: string[][] = [];
  const published: string[][] = [];
  const joiner = new JoinedChunks(
    maxSize,
    async (messages) => {
      calls.push(messages.map((m) => m.key!));
      return messages.map((m): Outbound => ({ topic: 'out', message: { key: m.key, value: m.key } }));
    },
    async (outbound) => {
      await publishing;
      published.push(outbound.map((o) => o.message.key!));
    },
  );
  return { joiner, calls, published };
};

describe('JoinedChunks', () => {
  it('processes the chunks of one turn in one call and publishes their outputs once', async () => {
    const { joiner, calls, published } = echo(100);
    const [a, b, c] = await Promise.all([
      joiner.process([message(0, 1), message(0, 2)]),
      joiner.process([message(1, 7)]),
      joiner.process([message(2, 3)]),
    ]);
    expect(calls).toEqual([['t-0-1', 't-0-2', 't-1-7', 't-2-3']]);
    await Promise.all([a!(), b!(), c!(), a!()]);
    expect(published).toEqual([['t-0-1', 't-0-2', 't-1-7', 't-2-3']]);
  });

  it('starts a second call rather than pass the largest batch a handler takes', async () => {
    const { joiner, calls } = echo(3);
    await Promise.all([
      joiner.process([message(0, 1), message(0, 2)]),
      joiner.process([message(1, 1), message(1, 2)]),
      joiner.process([message(2, 1)]),
    ]);
    expect(calls).toEqual([
      ['t-0-1', 't-0-2'],
      ['t-1-1', 't-1-2', 't-2-1'],
    ]);
  });

  it('joins nothing across turns', async () => {
    const { joiner, calls } = echo(100);
    await joiner.process([message(0, 1)]);
    await joiner.process([message(1, 1)]);
    expect(calls).toEqual([['t-0-1'], ['t-1-1']]);
  });

  it('settles no chunk that shares a publish before the publish is sent', async () => {
    const sending = Promise.withResolvers<void>();
    const { joiner, published } = echo(100, sending.promise);
    const [a, b] = await Promise.all([joiner.process([message(0, 1)]), joiner.process([message(1, 1)])]);
    let settled = 0;
    const both = Promise.all([a!().then(() => settled++), b!().then(() => settled++)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(0);
    sending.resolve();
    await both;
    expect(settled).toBe(2);
    expect(published).toHaveLength(1);
  });

  it('fails every chunk of a call whose processing fails, and the next turn is processed afresh', async () => {
    let fail = true;
    const joiner = new JoinedChunks(
      100,
      async (messages) => {
        if (fail) throw new Error('the handler step broke');
        return messages.map((m): Outbound => ({ topic: 'out', message: { key: m.key, value: null } }));
      },
      async () => undefined,
    );
    const results = await Promise.allSettled([joiner.process([message(0, 1)]), joiner.process([message(1, 1)])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(joiner.process([message(0, 1)])).resolves.toBeTypeOf('function');
  });
});
