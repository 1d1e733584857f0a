import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createEvent, Topics } from '@triage/contracts';
import { waitFor } from '../../../test/harness/wait.ts';
import { createKafkaBus, type Delivery, type Outgoing, type TopicMessage } from '../src/index.ts';

const brokers = inject('kafkaBrokers').split(',');
const prefix = `test.${randomUUID().slice(0, 8)}.`;
const bus = createKafkaBus({ brokers, clientId: 'at-least-once', topicPrefix: prefix });
const admin = new Kafka({ brokers, clientId: 'at-least-once-admin', logLevel: logLevel.NOTHING }).admin();
afterAll(async () => {
  await admin.disconnect();
  await bus.close();
});

const ticket = (id: string) => ({
  id,
  tenantId: 'acme',
  receivedAt: new Date().toISOString(),
  subject: 'Printer',
  body: 'It jams.',
  channel: 'api' as const,
  customer: { id: 'c', tier: 'pro' as const, vip: false },
  attachments: [],
});

const BATCHES = 4;

const murmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2') as (key: string) => number;
/** Keys that the default partitioner sends to partitions 0, 1 and 2 of a 3-partition topic. */
const keysOnThreePartitions = (stem: string): string[] => {
  const byPartition = new Map<number, string>();
  for (let i = 0; byPartition.size < 3; i++) {
    const key = `${stem}-${i}`;
    const partition = (murmur2(key) & 0x7fffffff) % 3;
    if (!byPartition.has(partition)) byPartition.set(partition, key);
  }
  return [...byPartition.values()];
};

/**
 * Feeds `BATCHES` events through a subscription one batch at a time, all on one key (so one
 * partition), and returns the offsets its outputs got. A committed transaction leaves a control
 * record after its messages, which takes an offset of its own.
 */
const outputOffsets = async (group: string, atLeastOnce: boolean): Promise<number[]> => {
  const key = `key-${group}`;
  const handled: string[] = [];
  await bus.subscribe({
    topic: Topics.ticketsReceived,
    group,
    ...(atLeastOnce ? { atLeastOnce: true } : {}),
    handler: async (batch): Promise<Outgoing[]> =>
      batch.flatMap(({ event }) => {
        if (event.key !== key) return [];
        handled.push(event.payload.ticket.id);
        return [
          {
            topic: Topics.modelsUpdated,
            event: createEvent(Topics.modelsUpdated, {
              tenantId: 'acme',
              key,
              payload: { model: group, version: event.payload.ticket.id },
            }),
          },
        ];
      }),
  });
  for (let i = 0; i < BATCHES; i++) {
    const id = `${group}-${i}`;
    await bus.publish(Topics.ticketsReceived, [
      createEvent(Topics.ticketsReceived, { tenantId: 'acme', key, payload: { ticket: ticket(id) } }),
    ]);
    await waitFor(
      () => handled.includes(id),
      20_000,
      () => `${id} not handled`,
    );
  }
  // The last batch's commit may still be on its way after its handler returned.
  let outputs: TopicMessage[] = [];
  await waitFor(
    async () => {
      outputs = (await bus.read(Topics.modelsUpdated)).filter((m) => m.key === key);
      return outputs.length >= BATCHES;
    },
    20_000,
    () => `${outputs.length}/${BATCHES} outputs of ${group}`,
  );
  return outputs.map((m) => Number(m.offset));
};

describe('an at-least-once subscription on Kafka', () => {
  it('publishes each batch without a transaction, where an exactly-once one commits a transaction per batch', async () => {
    const exactlyOnce = await outputOffsets('transactional-stage', false);
    const atLeastOnce = await outputOffsets('at-least-once-stage', true);

    expect(exactlyOnce).toHaveLength(BATCHES);
    // Each transaction's commit marker sits between two batches' outputs.
    expect(exactlyOnce.slice(1).map((offset, i) => offset - exactlyOnce[i]!)).toEqual(Array(BATCHES - 1).fill(2));
    expect(atLeastOnce).toHaveLength(BATCHES);
    expect(atLeastOnce.slice(1).map((offset, i) => offset - atLeastOnce[i]!)).toEqual(Array(BATCHES - 1).fill(1));
  }, 90_000);

  it('commits what it consumed a moment later, and all of it when stopped: a new consumer of the group gets none of it again', async () => {
    const group = `deferred-${randomUUID().slice(0, 8)}`;
    const key = `key-${group}`;
    const received = (id: string) => createEvent(Topics.ticketsReceived, { tenantId: 'acme', key, payload: { ticket: ticket(id) } });
    const collect = (into: string[]) => async (batch: Delivery<typeof Topics.ticketsReceived>[]) => {
      for (const { event } of batch) if (event.key === key) into.push(event.payload.ticket.id);
      return [];
    };
    const committed = async () => {
      const [topic] = await admin.fetchOffsets({ groupId: `${prefix}${group}`, topics: [`${prefix}${Topics.ticketsReceived}`] });
      return topic!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    };
    const ends = async () =>
      (await admin.fetchTopicOffsets(`${prefix}${Topics.ticketsReceived}`)).reduce((sum, p) => sum + Number(p.high), 0);

    const first: string[] = [];
    const subscription = await bus.subscribe({ topic: Topics.ticketsReceived, group, atLeastOnce: true, handler: collect(first) });
    for (const id of ['a', 'b', 'c']) {
      await bus.publish(Topics.ticketsReceived, [received(id)]);
      await waitFor(() => first.includes(id), 20_000);
    }
    // Committed without a stop, by the timer.
    await waitFor(
      async () => (await committed()) === (await ends()),
      10_000,
      () => 'the offsets reached were never committed',
    );
    for (const id of ['d', 'e']) await bus.publish(Topics.ticketsReceived, [received(id)]);
    await waitFor(() => first.includes('e'), 20_000);
    // Stopped before the timer: the stop commits.
    await subscription.stop();

    const second: string[] = [];
    await bus.subscribe({ topic: Topics.ticketsReceived, group, atLeastOnce: true, handler: collect(second) });
    await bus.publish(Topics.ticketsReceived, [received('late')]);
    await waitFor(() => second.includes('late'), 20_000);
    expect(first).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(second).toEqual(['late']);
  }, 90_000);

  it('takes the events its partitions bring in one fetch as one batch, where a transactional one takes each partition apart', async () => {
    // Topics of its own, so the first fetch holds these three events and nothing else.
    const own = createKafkaBus({ brokers, clientId: 'coalesced', topicPrefix: `test.${randomUUID().slice(0, 8)}.` });
    try {
      const keys = keysOnThreePartitions('coalesced');
      await own.publish(
        Topics.ticketsReceived,
        keys.map((key) => createEvent(Topics.ticketsReceived, { tenantId: 'acme', key, payload: { ticket: ticket(key) } })),
      );
      const batchesOf = async (atLeastOnce: boolean): Promise<string[][]> => {
        const batches: string[][] = [];
        const subscription = await own.subscribe({
          topic: Topics.ticketsReceived,
          group: `coalesced-${atLeastOnce}`,
          atLeastOnce,
          handler: async (batch) => {
            batches.push(batch.map(({ event }) => event.key));
            return [];
          },
        });
        await waitFor(
          () => batches.flat().length === keys.length,
          20_000,
          () => `${batches.flat().length}/3 events handled`,
        );
        await subscription.stop();
        return batches;
      };

      const atLeastOnce = await batchesOf(true);
      expect(atLeastOnce).toHaveLength(1);
      expect(atLeastOnce[0]!.toSorted()).toEqual(keys.toSorted());
      const transactional = await batchesOf(false);
      expect(transactional.map((batch) => batch.length)).toEqual([1, 1, 1]);
    } finally {
      await own.close();
    }
  }, 90_000);
});
