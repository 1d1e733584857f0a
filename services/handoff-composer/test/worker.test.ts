import type { Delivery } from '@triage/bus';
import { createEvent, type EventOf, Topics } from '@triage/contracts';
import type { Worker } from '@triage/runtime';
import { createPgliteStore, type Store } from '@triage/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandoffWorker } from '../src/worker.ts';
import { assessedOf, RECEIVED_AT } from './fixtures.ts';

let store: Store;
let worker: Worker<typeof Topics.ticketsAssessed>;
beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: 4 });
  await store.tenants.ensure('acme');
  worker = createHandoffWorker({ store, now: () => new Date(RECEIVED_AT) });
});
afterAll(() => store.close());

describe('the handoff worker', () => {
  it('builds the packet from the carried analysis and keeps the analysis off the routed event', async () => {
    const assessed = assessedOf();
    await store.tickets.create(assessed.ticket, []);
    const event = createEvent(Topics.ticketsAssessed, { tenantId: 'acme', key: assessed.ticket.id, payload: assessed });
    const delivery: Delivery<typeof Topics.ticketsAssessed> = {
      topic: Topics.ticketsAssessed,
      partition: 0,
      offset: '1',
      event,
      headers: {},
    };
    const [out] = await worker.handler([delivery]);
    const routed = (out!.event as EventOf<typeof Topics.ticketsRouted>).payload;
    expect(routed.packet.evidence).toContain('Error code: ERR-4012');
    expect(routed).not.toHaveProperty('textAnalysis');
  });
});
