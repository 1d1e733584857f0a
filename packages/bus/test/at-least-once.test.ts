import { randomUUID } from 'node:crypto';
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

  it('takes the batches several partitions deliver together through one handler call, and publishes each output once', async () => {
    const group = `joined-${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 30 }, (_, i) => `${group}-${i}`);
    // Random keys: 30 of them all on one of three partitions is a chance of 1.5 in 10^14.
    await bus.publish(
      Topics.ticketsReceived,
      ids.map((id) => createEvent(Topics.ticketsReceived, { tenantId: 'acme', key: id, payload: { ticket: ticket(id) } })),
    );
    const partitionsPerCall: number[] = [];
    const handled: string[] = [];
    await bus.subscribe({
      topic: Topics.ticketsReceived,
      group,
      atLeastOnce: true,
      handler: async (batch): Promise<Outgoing[]> => {
        const ours = batch.filter(({ event }) => ids.includes(event.key));
        partitionsPerCall.push(new Set(ours.map((d) => d.partition)).size);
        handled.push(...ours.map(({ event }) => event.key));
        return ours.map(({ event }) => ({
          topic: Topics.modelsUpdated,
          event: createEvent(Topics.modelsUpdated, { tenantId: 'acme', key: event.key, payload: { model: group, version: event.key } }),
        }));
      },
    });
    await waitFor(
      () => handled.length >= ids.length,
      20_000,
      () => `${handled.length}/${ids.length} handled`,
    );
    // The first fetch returns every partition's messages; processed apart, no call would see two partitions.
    expect(Math.max(...partitionsPerCall)).toBeGreaterThan(1);
    expect(handled.toSorted()).toEqual(ids.toSorted());
    let outputs: string[] = [];
    await waitFor(
      async () => {
        outputs = (await bus.read(Topics.modelsUpdated)).map((m) => m.key ?? '').filter((key) => ids.includes(key));
        return outputs.length >= ids.length;
      },
      20_000,
      () => `${outputs.length}/${ids.length} outputs`,
    );
    expect(outputs.toSorted()).toEqual(ids.toSorted());
  }, 90_000);
});
