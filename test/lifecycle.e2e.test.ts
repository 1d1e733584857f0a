// Lifecycle reports on the real Kafka broker: the lifecycle service applies what helpdesks publish
// on tickets.lifecycle, intake's relay publishes each applied change, and the rest is dead-lettered.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafkaBus, DlqHeaders, type KafkaBus } from '@triage/bus';
import { createEvent, deadLetterTopic, type LifecycleApplied, LifecycleReport, Ticket, Topics } from '@triage/contracts';
import { createPgStore, type Store } from '@triage/store';
import { freshDatabase } from './harness/database.ts';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { waitFor } from './harness/wait.ts';

const TENANT = 'acme';
const prefix = `e2e-lc-${randomBytes(4).toString('hex')}.`;
const env = { KAFKA_BROKERS: inject('kafkaBrokers'), DATABASE_URL: '', KAFKA_TOPIC_PREFIX: prefix, EMBEDDER: 'hashed' };

let store: Store;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let bus: KafkaBus;
let services: ServiceProcess[] = [];

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  env.DATABASE_URL = database.url;
  store = await createPgStore({ url: env.DATABASE_URL, embeddingDim: 384 });
  await store.tenants.ensure(TENANT);
  bus = createKafkaBus({ brokers: [env.KAFKA_BROKERS], clientId: 'e2e-lifecycle', topicPrefix: prefix });
  services = [await startService('lifecycle-ingest', env), await startService('intake', { ...env, PORT: '0' })];
}, 120_000);

afterAll(async () => {
  const codes = await Promise.all(services.map((s) => s.stop()));
  await bus?.close();
  await store?.close();
  await database?.drop();
  expect(codes).toEqual(services.map(() => 0));
});

const newTicket = async (): Promise<string> => {
  const ticket = Ticket.parse({
    id: randomUUID(),
    tenantId: TENANT,
    receivedAt: new Date().toISOString(),
    subject: 'Cannot log in',
    body: 'The login page says my password is wrong.',
    channel: 'email',
    customer: { id: 'c1', tier: 'pro' },
  });
  await store.tickets.create(ticket, []);
  return ticket.id;
};

const at = (minute: number) => new Date(Date.parse('2025-03-04T09:00:00Z') + minute * 60_000).toISOString();
const reportEvent = (ticketId: string, report: Record<string, unknown>) =>
  createEvent(Topics.ticketsLifecycle, { tenantId: TENANT, key: ticketId, payload: LifecycleReport.parse(report) });

describe('lifecycle reports through Kafka', () => {
  it('applies each report once, in the order they happened, and dead-letters what cannot apply with its reason', async () => {
    const ticketId = await newTicket();
    const report = (type: string, id: string, minute: number, extra = {}) => ({ type, id, occurredAt: at(minute), ...extra });
    const assigned = report('assigned', 'k1', 0, { queue: 'tier1', tier: 1 });
    const good = [
      reportEvent(ticketId, assigned),
      reportEvent(ticketId, report('first_response', 'k2', 5)),
      reportEvent(ticketId, assigned), // a duplicate: applied once
      reportEvent(ticketId, report('resolved', 'k4', 60, { notes: 'reset', resolvingTier: 1, category: 'account-access' })),
      reportEvent(ticketId, report('pending_customer', 'k3', 10)), // late: placed before the resolution
      reportEvent(ticketId, report('customer_replied', 'k5', 20)), // late too
      reportEvent(ticketId, report('closed', 'k6', 61, { csat: 5 })),
      reportEvent(ticketId, report('first_response', 'k7', 70)), // impossible: closed
      reportEvent(randomUUID(), report('assigned', 'k8', 0, { queue: 'tier1', tier: 1 })), // unknown ticket
    ];
    for (const event of good) await bus.publish(Topics.ticketsLifecycle, [event]);
    const badPayload = JSON.stringify({
      ...reportEvent(ticketId, report('closed', 'k9', 62)),
      payload: report('closed', 'k9', 62, { csat: 9 }),
    });
    await bus.publishRaw(Topics.ticketsLifecycle, [
      { key: ticketId, value: badPayload },
      { key: ticketId, value: 'not json' },
    ]);

    const dlq = deadLetterTopic('lifecycle');
    await waitFor(
      async () => (await bus.read(dlq)).length >= 4,
      60_000,
      () => 'waiting for dead letters',
    );
    await waitFor(
      async () => (await bus.read(Topics.ticketsLifecycleApplied)).length >= 6,
      60_000,
      () => 'waiting for applied changes',
    );
    await new Promise((r) => setTimeout(r, 2_000)); // a repeat would arrive now

    const applied = (await bus.read(Topics.ticketsLifecycleApplied)).map(
      (m) => (JSON.parse(m.value!.toString()) as { payload: LifecycleApplied }).payload,
    );
    expect(applied.map((p) => [p.report.id, p.previousState, p.state, p.late])).toEqual([
      ['k1', 'open', 'assigned', false],
      ['k2', 'assigned', 'assigned', false],
      ['k4', 'assigned', 'resolved', false],
      ['k3', 'resolved', 'resolved', true],
      ['k5', 'resolved', 'resolved', true],
      ['k6', 'resolved', 'closed', false],
    ]);

    const letters = await bus.read(dlq);
    expect(letters).toHaveLength(4);
    // The unknown ticket's letter sits on its own key's partition: compared in any order.
    expect(letters.map((m) => m.headers[DlqHeaders.reason])).toEqual(
      expect.arrayContaining([
        expect.stringContaining('report k7 refused'),
        expect.stringContaining(`has no ticket`),
        expect.stringContaining('payload.csat'),
        expect.stringContaining('JSON'),
      ]),
    );

    const timeline = await store.lifecycle.timeline(TENANT, ticketId);
    expect(timeline.map((e) => e.report.id)).toEqual(['k1', 'k2', 'k4', 'k3', 'k5', 'k6']);
    expect((await store.examples.list(TENANT)).filter((e) => e.ticketId === ticketId).map((e) => e.category)).toEqual(['account-access']);
  }, 120_000);
});
