import type { Delivery } from '@triage/bus';
import { createEvent, type EventOf, type Escalation, Topics } from '@triage/contracts';
import { analyzeText, customerText, lexiconSentiment } from '@triage/signals';
import type { Worker } from '@triage/runtime';
import { createPgliteStore, type Store } from '@triage/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelRegistry } from '../src/model/registry.ts';
import { defaultEscalationPolicy } from '../src/policy.ts';
import { createEscalatorWorker } from '../src/worker.ts';
import { categorizationOf, RECEIVED_AT, ticketOf, weakKb } from './fixtures.ts';

let store: Store;
let worker: Worker<typeof Topics.ticketsRetrieved>;
beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: 4 });
  await store.tenants.ensure('acme');
  worker = createEscalatorWorker({
    store,
    policy: defaultEscalationPolicy,
    sentiment: lexiconSentiment,
    models: createModelRegistry(store, defaultEscalationPolicy),
    now: () => new Date(RECEIVED_AT),
  });
});
afterAll(() => store.close());

const retrieved = async (id: string, body: string, customerId = 'c-1'): Promise<Delivery<typeof Topics.ticketsRetrieved>> => {
  const ticket = ticketOf({ id, body, customer: { id: customerId } });
  await store.tickets.create(ticket, []);
  const payload = { ticket, categorization: categorizationOf({ kind: 'incident' }), retrieval: weakKb };
  const event = createEvent(Topics.ticketsRetrieved, { tenantId: 'acme', key: id, payload });
  return { topic: Topics.ticketsRetrieved, partition: 0, offset: id, event, headers: {} };
};

const assessedOf = async (delivery: Delivery<typeof Topics.ticketsRetrieved>) => {
  const [out] = await worker.handler([delivery]);
  return (out!.event as EventOf<typeof Topics.ticketsAssessed>).payload;
};

describe('the escalator worker', () => {
  it('publishes the text analysis its decision rests on', async () => {
    const delivery = await retrieved('t-carry', 'The dashboard is down for all our users with ERR-4012 since v2.3.');
    const payload = await assessedOf(delivery);
    expect(payload.textAnalysis).toEqual(analyzeText(customerText(delivery.event.payload.ticket)));
    expect(payload.textAnalysis?.entities.errorCodes.map((c) => c.value)).toEqual(['ERR-4012']);
    expect(payload.escalation.reasons.map((r) => r.code)).toContain('broad-scope');
    expect(payload.escalation).not.toHaveProperty('textAnalysis');
  });

  it('re-emits a decision recorded before the analysis travelled, without one', async () => {
    const { escalation } = await assessedOf(await retrieved('t-new', 'The export is slow.'));
    // The same delivery again, its batch never committed, decided by an escalator from before.
    const old = await retrieved('t-old', 'The export is slow.');
    await store.tickets.recordStages<Escalation>('acme', 'assess', [
      { ticketId: 't-old', output: escalation, source: `${old.topic}/0/t-old` },
    ]);
    const payload = await assessedOf(old);
    expect(payload.escalation).toEqual(escalation);
    expect(payload.textAnalysis).toBeUndefined();
  });

  it("counts the customer's earlier tickets from the store as a repeat contact, and says the rules decide alone", async () => {
    const first = await assessedOf(await retrieved('r-1', 'The export is slow.', 'c-repeat'));
    expect(first.escalation.reasons.map((r) => r.code)).not.toContain('repeat-contact');
    expect(first.escalation.reasons).toContainEqual({ code: 'rules-only', detail: '0 of 200 labeled outcomes' });
    await assessedOf(await retrieved('r-2', 'The export is still slow.', 'c-repeat'));
    const third = await assessedOf(await retrieved('r-3', 'Export slow again.', 'c-repeat'));
    expect(third.escalation.reasons).toContainEqual({ code: 'repeat-contact', detail: '2 earlier tickets from this customer in 7 days' });
    expect(third.escalation.urgency).not.toBe('low');
  });

  it("counts a busy customer's earlier tickets up to 50, and says so", async () => {
    const earlier = async (customerId: string, count: number) => {
      for (let i = 0; i < count; i++) await store.tickets.create(ticketOf({ id: `${customerId}-${i}`, customer: { id: customerId } }), []);
    };
    await earlier('c-49', 49);
    const under = await assessedOf(await retrieved('c-49-last', 'Export slow again.', 'c-49'));
    expect(under.escalation.reasons).toContainEqual({ code: 'repeat-contact', detail: '49 earlier tickets from this customer in 7 days' });
    await earlier('c-busy', 60);
    const busy = await assessedOf(await retrieved('c-busy-last', 'Export slow again.', 'c-busy'));
    expect(busy.escalation.reasons).toContainEqual({
      code: 'repeat-contact',
      detail: '50 or more earlier tickets from this customer in 7 days',
    });
    const stored = await store.tickets.get('acme', 'c-busy-last');
    expect(stored?.stages.assess).toMatchObject({ features: { structured: { recentTickets: Math.log1p(50) } } });
  });

  it('records the features the model reads with the decision, and publishes none of them', async () => {
    const payload = await assessedOf(await retrieved('f-1', 'The export is slow.', 'c-features'));
    const stored = await store.tickets.get('acme', 'f-1');
    expect(stored?.stages.assess).toMatchObject({ features: { structured: { customerTier: 0, vip: 0, 'channel=email': 1 } } });
    expect(payload.escalation).not.toHaveProperty('features');
  });
});
