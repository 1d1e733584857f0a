import type { Delivery } from '@triage/bus';
import { createEvent, type EventOf, type Escalation, Topics } from '@triage/contracts';
import { analyzeText, customerText, lexiconSentiment } from '@triage/signals';
import type { Worker } from '@triage/runtime';
import { createPgliteStore, type Store } from '@triage/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEscalationPolicy } from '../src/policy.ts';
import { createEscalatorWorker } from '../src/worker.ts';
import { categorizationOf, RECEIVED_AT, ticketOf, weakKb } from './fixtures.ts';

let store: Store;
let worker: Worker<typeof Topics.ticketsRetrieved>;
beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: 4 });
  await store.tenants.ensure('acme');
  worker = createEscalatorWorker({ store, policy: defaultEscalationPolicy, sentiment: lexiconSentiment, now: () => new Date(RECEIVED_AT) });
});
afterAll(() => store.close());

const retrieved = async (id: string, body: string): Promise<Delivery<typeof Topics.ticketsRetrieved>> => {
  const ticket = ticketOf({ id, body });
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
    expect(payload.textAnalysis?.entities.errorCodes).toEqual(['ERR-4012']);
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
});
