import { describe, expect, it } from 'vitest';
import type { Producer, ProducerBatch } from 'kafkajs';
import { IdempotentSender } from '../src/kafka/idempotent-sender.ts';

/** Stands in for kafkajs producers: each records its calls and fails the sends it is told to. */
const producers = (failing: (id: number, send: number) => boolean) => {
  const made: { id: number; sent: ProducerBatch[]; connects: number; disconnected: boolean }[] = [];
  const create = () => {
    const me = { id: made.length, sent: [] as ProducerBatch[], connects: 0, disconnected: false };
    made.push(me);
    return {
      connect: async () => {
        me.connects += 1;
      },
      disconnect: async () => {
        me.disconnected = true;
      },
      sendBatch: async (batch: ProducerBatch) => {
        if (failing(me.id, me.sent.length)) throw new Error(`producer ${me.id} lost its connection`);
        me.sent.push(batch);
        return [];
      },
    } as unknown as Producer;
  };
  return { made, create };
};

const batch = (value: string): ProducerBatch => ({ topicMessages: [{ topic: 't', messages: [{ value }] }], acks: -1 });

describe('IdempotentSender', () => {
  it('replaces its producer after a failed send, so the next batch starts on fresh sequence numbers', async () => {
    const { made, create } = producers((id, send) => id === 0 && send === 1);
    const sender = new IdempotentSender(create);
    await sender.sendBatch(batch('a'));
    await expect(sender.sendBatch(batch('b'))).rejects.toThrow('producer 0 lost its connection');
    await sender.sendBatch(batch('b'));
    await sender.sendBatch(batch('c'));

    expect(made.map((p) => p.sent.map((b) => b.topicMessages![0]!.messages[0]!.value))).toEqual([['a'], ['b', 'c']]);
    expect(made[0]!.disconnected).toBe(true);
    expect(made[1]!.connects).toBe(1);
    await sender.disconnect();
    expect(made.map((p) => p.disconnected)).toEqual([true, true]);
  });

  it('sends one batch at a time, so a send queued behind a failed one goes out on the new producer', async () => {
    const { made, create } = producers((id) => id === 0);
    const sender = new IdempotentSender(create);
    await sender.connect();
    const results = await Promise.allSettled([sender.sendBatch(batch('a')), sender.sendBatch(batch('b'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(made.map((p) => p.sent.map((b) => b.topicMessages![0]!.messages[0]!.value))).toEqual([[], ['b']]);
  });

  it('starts a send only once the one before it has finished', async () => {
    let inFlight = 0;
    let most = 0;
    const sender = new IdempotentSender(
      () =>
        ({
          connect: async () => undefined,
          disconnect: async () => undefined,
          sendBatch: async () => {
            most = Math.max(most, ++inFlight);
            await new Promise((resolve) => setTimeout(resolve, 5));
            inFlight -= 1;
            return [];
          },
        }) as unknown as Producer,
    );
    await Promise.all(['a', 'b', 'c'].map((v) => sender.sendBatch(batch(v))));
    expect(most).toBe(1);
  });
});
