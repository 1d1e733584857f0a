// `npm run bench -- webhooks`: signed webhook deliveries per second from the sender to a local
// receiver (127.0.0.1, in this process, verifying every signature), on PostgreSQL. The deliveries
// are stored first, as the Kafka consumers would, then the sender is started and timed until the
// last one is recorded delivered.
import { randomUUID } from 'node:crypto';
import { createLogger } from '@triage/runtime';
import { createPgStore, type Store, type WebhookEndpoint, type WebhookEvent } from '@triage/store';
import { createPoster, createSender } from '@triage/webhooks';
import { Registry } from 'prom-client';
import { newSecret } from '../services/webhooks/test/fixtures.ts';
import { startReceiver } from '../services/webhooks/test/receiver.ts';
import { bringUpInfra } from './support/infra.ts';
import { startRecord } from './support/results.ts';
import { round } from './support/stats.ts';
import { printTable } from './support/table.ts';

const DELIVERIES = 20_000;
const TICKETS_PER_ENDPOINT = 500;
const SCENARIOS = [
  { endpoints: 8, concurrency: 32, endpointConcurrency: 4 },
  { endpoints: 1, concurrency: 32, endpointConcurrency: 32 },
  { endpoints: 8, concurrency: 64, endpointConcurrency: 8 },
];
const logger = createLogger({ service: 'bench-webhooks', level: 'warn' });

const body = (id: string, ticketId: string) =>
  JSON.stringify({
    id,
    type: 'ticket.escalated',
    timestamp: new Date().toISOString(),
    tenantId: 'bench',
    data: { ticketId, reason: 'sla_at_risk' },
  });

const run = async (store: Store, scenario: (typeof SCENARIOS)[number], round_: number) => {
  const secrets = new Map<string, string>();
  const receiver = await startReceiver((path) => secrets.get(path));
  const endpoints: WebhookEndpoint[] = [];
  for (let i = 0; i < scenario.endpoints; i++) {
    const path = `/r${round_}-${i}`;
    const secret = newSecret();
    secrets.set(path, secret);
    await store.tenants.ensure(`bench-${i}`);
    endpoints.push(
      await store.webhooks.createEndpoint({ tenantId: `bench-${i}`, url: receiver.url(path), eventTypes: ['ticket.escalated'], secret }),
    );
  }
  const events: WebhookEvent[] = Array.from({ length: DELIVERIES }, (_, n) => {
    const id = randomUUID();
    const tenantId = `bench-${n % scenario.endpoints}`;
    const ticketId = `t-${Math.floor(n / scenario.endpoints) % TICKETS_PER_ENDPOINT}`;
    return { tenantId, id, type: 'ticket.escalated', ticketId, body: body(id, ticketId) };
  });
  for (let i = 0; i < events.length; i += 2_000) await store.webhooks.enqueue(events.slice(i, i + 2_000));
  // As autovacuum would after such a burst: the claim's plan depends on the table's statistics.
  await store.sql.query('ANALYZE webhook_deliveries');
  const registry = new Registry();

  const sender = createSender({
    store,
    poster: createPoster({ timeoutMs: 10_000, allowPrivate: true }),
    logger,
    registry,
    concurrency: scenario.concurrency,
    endpointConcurrency: scenario.endpointConcurrency,
    timeoutMs: 10_000,
    maxAttempts: 8,
    backoffBaseMs: 1_000,
    pollMs: 50,
  });
  const started = performance.now();
  await sender.start();
  // Read from the sender's own counter: polling the table would load the database being measured.
  const delivered = async () =>
    (await registry.getSingleMetric('triage_webhook_attempts_total')?.get())?.values.find((v) => v.labels.outcome === 'delivered')?.value ??
    0;
  while ((await delivered()) < DELIVERIES) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - started) / 1000;
  await sender.drain();
  const unverified = receiver.received.filter((r) => !r.verified).length;
  await receiver.close();
  for (const e of endpoints) await store.webhooks.setEnabled(e.id, false);
  return {
    endpoints: scenario.endpoints,
    concurrency: scenario.concurrency,
    perEndpoint: scenario.endpointConcurrency,
    deliveries: DELIVERIES,
    requests: receiver.received.length,
    unverified,
    seconds: round(seconds, 1),
    perSecond: Math.round(DELIVERIES / seconds),
  };
};

const infra = await bringUpInfra('webhooks');
const record = startRecord('webhooks');
const { url } = await infra.createDatabase();
const store = await createPgStore({ url, embeddingDim: 8, poolSize: 8 });
try {
  const results = [];
  for (const [i, scenario] of SCENARIOS.entries()) results.push(await run(store, scenario, i));
  printTable('Webhook deliveries to a local receiver', results);
  console.log(`wrote ${await record.finish(results)}`);
} finally {
  await store.close();
  await infra.close();
}
