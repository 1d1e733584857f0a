import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, Topics, type EventOf } from '@triage/contracts';
import { REPLAY_OF_HEADER, type Delivery } from '@triage/bus';
import { createPgliteStore, type Store } from '@triage/store';
import { createStageHandler, createStageWorker } from '../src/index.ts';

let store: Store;
beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: 4 });
  await store.tenants.ensure('acme');
});
afterAll(() => store.close());

const ticketEvent = async (id: string): Promise<EventOf<typeof Topics.ticketsReceived>> => {
  const ticket = {
    id,
    tenantId: 'acme',
    receivedAt: new Date().toISOString(),
    subject: 's',
    body: 'b',
    channel: 'api' as const,
    customer: { id: 'c', tier: 'free' as const, vip: false },
    attachments: [],
  };
  const event = createEvent(Topics.ticketsReceived, { tenantId: 'acme', key: id, payload: { ticket } });
  await store.tickets.create(ticket, []);
  return event;
};

const delivery = (event: EventOf<typeof Topics.ticketsReceived>, offset: string): Delivery<typeof Topics.ticketsReceived> => ({
  topic: Topics.ticketsReceived,
  partition: 0,
  offset,
  event,
  headers: {},
});

describe('createStageHandler', () => {
  let decisions = 0;
  const handler = createStageHandler<typeof Topics.ticketsReceived, number>({
    stage: 'categorize',
    get store() {
      return store;
    },
    decide: async (events) => events.map(() => ++decisions),
    emit: (event, decision) => [
      {
        topic: Topics.modelsUpdated,
        event: createEvent(Topics.modelsUpdated, { tenantId: 'acme', key: event.key, payload: { model: 'n', version: String(decision) } }),
      },
    ],
  });

  it('re-emits the recorded decision when the same delivery comes again (its batch never committed)', async () => {
    const event = await ticketEvent('t-1');
    const first = await handler([delivery(event, '10')]);
    const again = await handler([delivery(event, '10')]);
    expect(first.map((o) => (o.event.payload as { version: string }).version)).toEqual(['1']);
    expect(again.map((o) => (o.event.payload as { version: string }).version)).toEqual(['1']);
  });

  it('emits nothing for a duplicate input at another offset: its output already went out', async () => {
    const event = await ticketEvent('t-2');
    expect(await handler([delivery(event, '20')])).toHaveLength(1);
    expect(await handler([delivery(event, '21')])).toEqual([]);
  });

  it('takes a replayed dead letter for the delivery that failed: the decision recorded then goes out', async () => {
    const event = await ticketEvent('t-3');
    // The decision was recorded at offset 30, then its output failed and the event was dead-lettered.
    const recorded = await handler([delivery(event, '30')]);
    const replayed = await handler([{ ...delivery(event, '95'), headers: { [REPLAY_OF_HEADER]: `${Topics.ticketsReceived}/0/30` } }]);
    const replayOfAnother = await handler([
      { ...delivery(event, '96'), headers: { [REPLAY_OF_HEADER]: `${Topics.ticketsReceived}/0/31` } },
    ]);
    expect(replayed.map((o) => (o.event.payload as { version: string }).version)).toEqual(
      recorded.map((o) => (o.event.payload as { version: string }).version),
    );
    expect(replayOfAnother).toEqual([]);
  });
});

describe('a stage that keeps vectors', () => {
  it("stores each ticket's vector with its decision, where later stages find it", async () => {
    const handler = createStageHandler<typeof Topics.ticketsReceived, string>({
      stage: 'categorize',
      store,
      decide: async (events) => events.map((e) => (e.key === 'v1' ? 'login' : 'billing')),
      emit: () => [],
      vector: (event, category) => ({
        ticketId: event.key,
        customerId: event.payload.ticket.customer.id,
        category,
        embedding: event.key === 'v1' ? [1, 0, 0, 0] : [1, 1, 0, 0],
      }),
    });
    await handler([delivery(await ticketEvent('v1'), '201'), delivery(await ticketEvent('v2'), '202')]);
    const related = await store.ticketVectors.related('acme', 'v1', {
      limit: 5,
      minSimilarity: 0,
      resolvedSince: new Date(0).toISOString(),
    });
    expect(related.map((r) => [r.ticketId, Math.round(r.similarity * 1000) / 1000])).toEqual([
      ['v2', Math.round(Math.SQRT1_2 * 1000) / 1000],
    ]);
  });
});

describe('createStageWorker', () => {
  const spec = { stage: 'categorize' as const, store: {} as Store, decide: async () => [], emit: () => [] };

  it('publishes at least once only what the next stage alone reads; what leaves the pipeline goes in a transaction', () => {
    expect(createStageWorker('inner', Topics.ticketsReceived, { ...spec, readers: 'next-stage' }).atLeastOnce).toBe(true);
    expect(createStageWorker('last', Topics.ticketsReceived, { ...spec, readers: 'outside' }).atLeastOnce).toBeUndefined();
  });
});
