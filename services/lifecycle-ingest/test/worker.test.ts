import { randomUUID } from 'node:crypto';
import { createInProcessBus, DlqHeaders } from '@triage/bus';
import { createEvent, deadLetterTopic, LifecycleReport, Ticket, Topics } from '@triage/contracts';
import { createPgliteStore, type Store } from '@triage/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLifecycleWorker } from '../src/worker.ts';

let store: Store;
beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: 4 });
  for (const tenant of ['acme', 'globex']) await store.tenants.ensure(tenant);
});
afterAll(() => store.close());

const newTicket = async (tenantId: string): Promise<string> => {
  const ticket = Ticket.parse({
    id: randomUUID(),
    tenantId,
    receivedAt: '2025-03-04T08:00:00Z',
    subject: 'Cannot log in',
    body: 'The login page says my password is wrong.',
    channel: 'email',
    customer: { id: 'c1', tier: 'pro' },
  });
  await store.tickets.create(ticket, []);
  return ticket.id;
};

const report = (type: string, id: string, minute: number, extra: Record<string, unknown> = {}) =>
  LifecycleReport.parse({ type, id, occurredAt: new Date(Date.parse('2025-03-04T09:00:00Z') + minute * 60_000).toISOString(), ...extra });
const assigned = (id: string) => report('assigned', id, 0, { queue: 'tier1', tier: 1 });
const reportEvent = (tenantId: string, ticketId: string, payload: LifecycleReport) =>
  createEvent(Topics.ticketsLifecycle, { tenantId, key: ticketId, payload });

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('the lifecycle worker', () => {
  it("applies a batch in one transaction per tenant and dead-letters exactly the reports it refused, with each one's reason", async () => {
    const [a, b, c] = [await newTicket('acme'), await newTicket('acme'), await newTicket('globex')];
    const unknown = randomUUID();
    const batch = [
      reportEvent('acme', a, assigned('a1')),
      reportEvent('acme', b, assigned('b1')),
      // Impossible where it stands in the batch; the pending report after it would allow it, but
      // reports are decided in batch order, as one by one.
      reportEvent('acme', a, report('resumed', 'a2', 10)),
      reportEvent('acme', a, report('pending_customer', 'a3', 5)),
      reportEvent('globex', c, assigned('c1')),
      reportEvent('acme', unknown, assigned('u1')),
      reportEvent('acme', b, assigned('a1')), // a1 is ticket a's
      reportEvent('acme', b, report('first_response', 'b2', 1)),
      reportEvent('acme', a, assigned('a1')), // a duplicate: applied once
      reportEvent('globex', c, report('first_response', 'c2', 1, { category: 'billing' })),
    ];
    const applies: string[] = [];
    const counting: Store = {
      ...store,
      lifecycle: {
        ...store.lifecycle,
        apply: (...args) => {
          applies.push(args[0]);
          return store.lifecycle.apply(...args);
        },
      },
    };
    const worker = createLifecycleWorker(counting);
    const bus = createInProcessBus({ partitions: 1, logger: quiet });
    try {
      // Published before the worker subscribes, so it gets them as one batch.
      await bus.publish(Topics.ticketsLifecycle, batch);
      await bus.subscribe({ topic: worker.topic, group: worker.group, handler: worker.handler });
      const dlq = deadLetterTopic(worker.group);
      await expect.poll(async () => (await bus.read(dlq)).length).toBe(3);

      const reasons = (await bus.read(dlq)).map((m) => m.headers[DlqHeaders.reason]);
      expect(reasons).toEqual([
        `PermanentError: report a2 refused on ticket ${a} (now assigned): resumed is not possible when the ticket is assigned`,
        `PermanentError: tenant acme has no ticket ${unknown}`,
        `PermanentError: report a1 refused on ticket ${b} (now assigned): report id a1 is already used by a report on another ticket`,
      ]);
      const ids = async (tenantId: string, ticketId: string) =>
        (await store.lifecycle.timeline(tenantId, ticketId)).map((e) => e.report.id);
      expect(await ids('acme', a)).toEqual(['a1', 'a3']);
      expect(await ids('acme', b)).toEqual(['b1', 'b2']);
      expect(await ids('globex', c)).toEqual(['c1', 'c2']);
      expect((await store.examples.list('globex')).map((e) => [e.ticketId, e.category])).toEqual([[c, 'billing']]);
      expect(await store.lifecycle.outcome('globex', c)).toEqual({ category: 'billing', priority: undefined, tier: 1 });
      // Acme's first write found a1 taken and rolled back; the re-run of single events decided nothing again.
      expect(applies).toEqual(['acme', 'acme', 'globex']);
    } finally {
      await bus.close();
    }
  });
});
