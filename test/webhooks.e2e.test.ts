// The webhooks service as deployed: its own process on Kafka and PostgreSQL. Routed tickets and
// their SLA escalations are published to Kafka; a local receiver verifies every signature and
// fails each event's first three attempts. Every event arrives once it recovers, in order per
// ticket, and the service stops cleanly.
import { randomBytes, randomUUID } from 'node:crypto';
import { createKafkaBus, type Bus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { createPgStore, type Store } from '@triage/store';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { routedEvent } from '../services/sla-watch/test/fixtures.ts';
import { escalation, newSecret } from '../services/webhooks/test/fixtures.ts';
import { type Receiver, startReceiver } from '../services/webhooks/test/receiver.ts';
import { freshDatabase } from './harness/database.ts';
import { type ServiceProcess, startService } from './harness/service-process.ts';
import { waitFor } from './harness/wait.ts';

const TICKETS = 20;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let store: Store;
let bus: Bus;
let receiver: Receiver;
let service: ServiceProcess;
const secret = newSecret();

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  store = await createPgStore({ url: database.url, embeddingDim: 8, poolSize: 2 });
  await store.tenants.ensure('acme');
  receiver = await startReceiver(
    (path) => (path === '/hook' ? secret : undefined),
    (_path, _id, attempt) => (attempt <= 3 ? 503 : 200),
  );
  await store.webhooks.createEndpoint({
    tenantId: 'acme',
    url: receiver.url('/hook'),
    eventTypes: ['ticket.routed', 'ticket.escalated', 'sla.breached'],
    secret,
  });
  const prefix = `webhooks-${randomBytes(4).toString('hex')}.`;
  bus = createKafkaBus({ brokers: [inject('kafkaBrokers')], clientId: 'webhooks-e2e', topicPrefix: prefix });
  service = await startService(
    'webhooks',
    {
      DATABASE_URL: database.url,
      EMBEDDING_DIM: '8',
      KAFKA_BROKERS: inject('kafkaBrokers'),
      KAFKA_TOPIC_PREFIX: prefix,
      INSTANCE_ID: 'webhooks-e2e',
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_BACKOFF_BASE_MS: '100',
      WEBHOOKS_POLL_MS: '100',
      WEBHOOKS_TIMEOUT_MS: '2000',
    },
    120_000,
  );
}, 180_000);

afterAll(async () => {
  await service?.stop();
  await bus?.close();
  await receiver?.close();
  await store?.close();
  await database?.drop();
});

describe('the webhooks service on Kafka', () => {
  it("delivers every subscribed event from Kafka once the receiver recovers, signed, in each ticket's order", async () => {
    const receivedAt = new Date().toISOString();
    const tickets = Array.from({ length: TICKETS }, (_, i) => `k-${i}-${randomUUID().slice(0, 8)}`);
    const routed = tickets.map((ticketId) => routedEvent({ ticketId, receivedAt }));
    await bus.publish(Topics.ticketsRouted, routed);
    // Escalations after the routed events were stored: one topic's order is Kafka's, across topics it is arrival.
    await waitFor(
      () => new Set(receiver.received.map((r) => r.id)).size === TICKETS,
      60_000,
      () => 'routed deliveries',
    );
    const escalated = tickets.flatMap((ticketId) => [
      escalation('acme', ticketId, 'sla_at_risk'),
      escalation('acme', ticketId, 'sla_breached'),
    ]);
    await bus.publish(Topics.ticketsEscalated, escalated);

    const expected = [...routed, ...escalated];
    await waitFor(
      () => receiver.accepted('/hook').length >= expected.length,
      90_000,
      () => `${receiver.accepted('/hook').length} accepted`,
    );
    const accepted = receiver.accepted('/hook');
    expect(accepted.map((r) => r.id).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.received).toHaveLength(4 * expected.length);
    for (const ticketId of tickets) {
      expect(accepted.filter((r) => r.ticketId === ticketId).map((r) => r.type)).toEqual([
        'ticket.routed',
        'ticket.escalated',
        'sla.breached',
      ]);
    }
    expect(await service.stop()).toBe(0);
  });
});
