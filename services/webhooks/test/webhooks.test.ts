// The sender on PostgreSQL, fed through the in-process bus (the Kafka side is test/webhooks.e2e):
// every request a local receiver gets verifies; an endpoint failing three times then recovering
// gets every event once, in order per ticket; a dead endpoint's deliveries land in the dead list
// with the reason and replay from there; and a healthy tenant's deliveries are not delayed while
// another tenant's endpoints hang or fail.
import { createInProcessBus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { composeProcess, createLogger } from '@triage/runtime';
import { createPgStore, type Store } from '@triage/store';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../test/harness/database.ts';
import { waitFor } from '../../../test/harness/wait.ts';
import { composeWebhooks } from '../src/index.ts';
import { escalation, newSecret } from './fixtures.ts';
import { type Answer, type Receiver, startReceiver } from './receiver.ts';

const logger = createLogger({ service: 'webhooks-test', level: 'error' });
const TIMEOUT_MS = 400;
const MAX_ATTEMPTS = 5;
const secrets = new Map<string, string>();
let answers: (path: string, id: string, attempt: number) => Answer = () => 204;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let store: Store;
let receiver: Receiver;
const bus = createInProcessBus({ logger });
let stop: () => Promise<void>;

const endpoint = async (tenantId: string, path: string, eventTypes = ['ticket.escalated', 'sla.breached']) => {
  const secret = newSecret();
  secrets.set(path, secret);
  return store.webhooks.createEndpoint({ tenantId, url: receiver.url(path), eventTypes, secret });
};

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0;

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  store = await createPgStore({ url: database.url, embeddingDim: 8, poolSize: 6 });
  for (const tenant of ['acme', 'flaky', 'slowco', 'fastco']) await store.tenants.ensure(tenant);
  receiver = await startReceiver(
    (path) => secrets.get(path),
    (path, id, attempt) => answers(path, id, attempt),
  );
  const registry = new Registry();
  const deps = { store, bus, logger, registry, instanceId: 'test' };
  const webhooks = await composeWebhooks({
    ...deps,
    config: {
      WEBHOOKS_CONCURRENCY: 8,
      WEBHOOKS_ENDPOINT_CONCURRENCY: 2,
      WEBHOOKS_TIMEOUT_MS: TIMEOUT_MS,
      WEBHOOKS_MAX_ATTEMPTS: MAX_ATTEMPTS,
      WEBHOOKS_BACKOFF_BASE_MS: 50,
      WEBHOOKS_POLL_MS: 50,
      WEBHOOKS_ALLOW_PRIVATE: true,
    },
  });
  const process = composeProcess({ ...deps, name: 'webhooks', services: [webhooks], httpPort: 0, healthPort: 0, healthHost: '127.0.0.1' });
  await process.lifecycle.start();
  // Stopping closes the store too.
  stop = () => process.lifecycle.stop();
});

afterAll(async () => {
  await stop?.();
  await receiver?.close();
  await database?.drop();
});

describe('webhook deliveries', () => {
  it('signs every request, and an endpoint failing three times then recovering gets every event once, in order per ticket', async () => {
    answers = (path, _id, attempt) => (path === '/flaky' && attempt <= 3 ? 503 : 204);
    const flaky = await endpoint('flaky', '/flaky');
    const events = Array.from({ length: 10 }, (_, t) => [1, 2, 3].map((w) => escalation('flaky', `t-${t}`, 'sla_at_risk', w))).flat();
    await bus.publish(Topics.ticketsEscalated, events);
    // Published again (a Kafka redelivery): the same ids add no delivery.
    await bus.publish(Topics.ticketsEscalated, events.slice(0, 5));

    await waitFor(
      async () => (await store.webhooks.counts(flaky.id)).delivered === events.length,
      20_000,
      () => 'flaky deliveries',
    );
    const accepted = receiver.accepted('/flaky');
    expect(accepted.map((r) => r.id).sort()).toEqual(events.map((e) => e.id).sort());
    expect(receiver.received.filter((r) => r.path === '/flaky' && r.status === 503)).toHaveLength(3 * events.length);
    for (let t = 0; t < 10; t++) {
      const order = accepted.filter((r) => r.ticketId === `t-${t}`).map((r) => r.id);
      expect(order).toEqual(events.filter((e) => e.key === `t-${t}`).map((e) => e.id));
    }
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(await store.webhooks.counts(flaky.id)).toEqual({ pending: 0, delivered: events.length, dead: 0 });
  });

  it('sends only the subscribed types, and nothing to a disabled endpoint', async () => {
    answers = () => 204;
    await endpoint('acme', '/breaches', ['sla.breached']);
    const off = await endpoint('acme', '/off');
    await store.webhooks.setEnabled(off.id, false);
    const atRisk = escalation('acme', 'a-1', 'sla_at_risk');
    const breached = escalation('acme', 'a-1', 'sla_breached');
    await bus.publish(Topics.ticketsEscalated, [atRisk, breached]);
    await waitFor(() => receiver.accepted('/breaches').length === 1, 10_000);
    expect(receiver.accepted('/breaches')[0]).toMatchObject({ id: breached.id, type: 'sla.breached', verified: true });
    expect(await store.webhooks.counts(off.id)).toEqual({ pending: 0, delivered: 0, dead: 0 });
  });

  it("keeps a healthy tenant's deliveries prompt while another's endpoints hang and fail, then replays the dead ones", async () => {
    answers = (path) => (path === '/hang' ? 'hang' : path === '/dead' ? 500 : 204);
    const hang = await endpoint('slowco', '/hang');
    const dead = await endpoint('slowco', '/dead');
    await endpoint('fastco', '/fast');
    const slowEvents = Array.from({ length: 12 }, (_, i) => escalation('slowco', `s-${i}`));
    // fastco's events one by one, each timed from its publication to the receiver's answer.
    const fastLatencies = async (round: string) => {
      const latencies: number[] = [];
      for (let i = 0; i < 30; i++) {
        const event = escalation('fastco', `${round}-${i}`);
        const sent = Date.now();
        await bus.publish(Topics.ticketsEscalated, [event]);
        await waitFor(() => receiver.accepted('/fast').some((r) => r.id === event.id), 10_000);
        latencies.push(receiver.accepted('/fast').find((r) => r.id === event.id)!.at - sent);
      }
      return latencies;
    };
    const summary = (latencies: number[]) =>
      `p50 ${percentile(latencies, 0.5)} ms, p95 ${percentile(latencies, 0.95)} ms, max ${Math.max(...latencies)} ms`;
    const alone = await fastLatencies('alone');
    await bus.publish(Topics.ticketsEscalated, slowEvents);
    const loaded = await fastLatencies('loaded');
    const slowBusy = receiver.received.filter((r) => r.path === '/hang' || r.path === '/dead').length;
    console.error(
      `fastco delivery latency alone: ${summary(alone)}; while slowco's endpoints hang and fail ` +
        `(${slowBusy} of their attempts meanwhile): ${summary(loaded)}`,
    );
    expect(slowBusy).toBeGreaterThan(0);
    // A sender waiting on the hanging endpoint would make fastco wait for its timeout.
    expect(percentile(loaded, 0.95)).toBeLessThan(TIMEOUT_MS / 2);

    await waitFor(
      async () => (await store.webhooks.counts(dead.id)).dead === slowEvents.length,
      60_000,
      () => 'dead deliveries',
    );
    const deadList = await store.webhooks.listDead(dead.id, 100);
    expect(deadList).toHaveLength(slowEvents.length);
    expect(deadList.every((d) => d.reason === 'HTTP 500' && d.attempts === MAX_ATTEMPTS)).toBe(true);
    await waitFor(
      async () => (await store.webhooks.counts(hang.id)).dead === slowEvents.length,
      60_000,
      () => 'hung deliveries',
    );
    expect((await store.webhooks.listDead(hang.id, 1))[0]?.reason).toBe(`timeout after ${TIMEOUT_MS} ms`);

    // The receiver is fixed: one replayed alone, then the rest.
    answers = () => 204;
    expect(await store.webhooks.replayDead(dead.id, deadList[0]!.id)).toBe(1);
    await waitFor(() => receiver.accepted('/dead').length === 1, 10_000);
    expect(await store.webhooks.replayDead(dead.id)).toBe(slowEvents.length - 1);
    await waitFor(async () => (await store.webhooks.counts(dead.id)).delivered === slowEvents.length, 20_000);
    expect(
      receiver
        .accepted('/dead')
        .map((r) => r.id)
        .sort(),
    ).toEqual(slowEvents.map((e) => e.id).sort());
    expect(await store.webhooks.listDead(dead.id, 100)).toEqual([]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });
});
