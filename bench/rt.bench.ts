// Tickets per second into Request Tracker 5: routed tickets through Kafka and the connector into a
// real RT, at several concurrencies, beside RT's own speed for bare creates at the same concurrency
// (no Kafka, no PostgreSQL, no comment) — the ceiling the connector works under.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafkaBus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { RtConnectorConfig, composeRtConnector } from '@triage/rt-connector';
import { composeProcess, createLogger } from '@triage/runtime';
import { createPgStore } from '@triage/store';
import { Registry } from 'prom-client';
import { ensureRequestTracker } from '../infra/request-tracker/up.ts';
import { routedTicket, rtApi } from '../test/harness/request-tracker.ts';
import { waitFor } from '../test/harness/wait.ts';
import { bringUpInfra } from './support/infra.ts';
import { startRecord } from './support/results.ts';
import { printTable } from './support/table.ts';

const TICKETS = 40;
const CONCURRENCIES = [1, 4, 8];

const record = startRecord('rt');
const infra = await bringUpInfra('rt');
const rt = await ensureRequestTracker({ log: (line) => console.error(`[request-tracker] ${line}`) });
const api = rtApi(rt);
const logger = createLogger({ service: 'bench-rt', level: 'warn' });
const rows: Record<string, number | string>[] = [];

const bareCreates = async (queue: string, concurrency: number): Promise<number> => {
  let left = TICKETS;
  const started = performance.now();
  // Taken before the await: lanes share the count.
  const lane = async () => {
    while (left-- > 0) await api.call('POST', '/ticket', { Queue: queue, Subject: 'bench', Content: 'bench', ContentType: 'text/plain' });
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return TICKETS / ((performance.now() - started) / 1000);
};

const throughConnector = async (queue: string, concurrency: number): Promise<number> => {
  const { url } = await infra.createDatabase();
  const store = await createPgStore({ url, embeddingDim: 384 });
  await store.tenants.ensure('bench');
  const tenantsFile = join(tmpdir(), `rt-bench-${queue}.json`);
  await writeFile(tenantsFile, JSON.stringify({ bench: { queues: {}, defaultQueue: queue } }));
  const topicPrefix = `${infra.topicPrefix}${concurrency}.`;
  const bus = createKafkaBus({ brokers: [infra.brokers], clientId: 'bench-rt', topicPrefix, logger });
  const config = RtConnectorConfig.parse({
    RT_URL: rt.url,
    RT_USER: rt.user,
    RT_PASSWORD: rt.password,
    RT_TENANTS_FILE: tenantsFile,
    RT_CONCURRENCY: String(concurrency),
  });
  const registry = new Registry();
  const parts = await composeRtConnector({ store, bus, logger, registry, instanceId: 'bench', config });
  const process = composeProcess({
    name: 'rt-connector',
    store,
    bus,
    logger,
    registry,
    services: [parts],
    httpPort: 0,
    healthPort: 0,
    healthHost: '127.0.0.1',
  });
  await process.lifecycle.start();
  const events = Array.from({ length: TICKETS }, (_, i) =>
    routedTicket({ tenantId: 'bench', queue: 'tier1-general', priority: 'P3', tier: 1, email: `c${i}@example.com` }),
  );
  const started = performance.now();
  await bus.publish(Topics.ticketsRouted, events);
  const created = async () =>
    Number((await store.sql.query<{ n: string }>(`SELECT count(*) AS n FROM rt_tickets WHERE state = 'created'`)).rows[0]?.n);
  await waitFor(
    async () => (await created()) === TICKETS,
    600_000,
    () => 'tickets missing in RT',
  );
  const perSecond = TICKETS / ((performance.now() - started) / 1000);
  await process.lifecycle.stop();
  return perSecond;
};

try {
  for (const concurrency of CONCURRENCIES) {
    const queue = `bench-${infra.topicPrefix.slice(9, 17)}-${concurrency}`;
    await api.createQueue(queue);
    const bare = await bareCreates(queue, concurrency);
    const connector = await throughConnector(queue, concurrency);
    rows.push({
      concurrency,
      'RT bare creates/s': Number(bare.toFixed(2)),
      'connector tickets/s': Number(connector.toFixed(2)),
      'connector / bare': Number((connector / bare).toFixed(2)),
    });
  }
  printTable(`Into Request Tracker 5 (${TICKETS} tickets each)`, rows);
  console.log(`wrote ${await record.finish({ tickets: TICKETS, rows })}`);
} finally {
  await infra.close();
}
