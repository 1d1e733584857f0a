// Nothing lost, nothing duplicated: every service process is SIGKILLed once while 1,000 tickets
// stream through, then the broker is restarted mid-run; afterwards exactly 1,000 routed tickets.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafkaBus, type Bus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { createEmbeddings } from '@triage/embeddings';
import { importArticles, readKnowledgeBase } from '@triage/knowledge';
import { createPgStore, type Store } from '@triage/store';
import { ensureKafka } from '../infra/kafka/up.ts';
import { stopKafka } from '../infra/kafka/down.ts';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { variedTickets } from './harness/tickets.ts';
import { waitFor } from './harness/wait.ts';
import { freshDatabase } from './harness/database.ts';

const TENANT = 'chaos';
const API_KEY = 'fault-test-key-0123456789';
const SERVICES = ['intake', 'categorizer', 'kb-retrieval', 'escalator', 'handoff-composer'] as const;
const prefix = `fault-${randomBytes(4).toString('hex')}.`;
// A broker of its own: restarting the shared one would break the test files running beside this one.
const broker = { home: new URL('../.infra/kafka-fault-test', import.meta.url).pathname, brokerPort: 29092, controllerPort: 29093 };
const brokers = `127.0.0.1:${broker.brokerPort}`;
const env = { KAFKA_BROKERS: brokers, DATABASE_URL: '', KAFKA_TOPIC_PREFIX: prefix, EMBEDDER: 'hashed', PORT: '0' };

let store: Store;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let observer: Bus;
const running = new Map<string, ServiceProcess>();
const routedKeys: string[] = [];

/** What each service last logged above info: where a stalled run got stuck. */
const troubles = () =>
  [...running.values()]
    .map(
      (s) =>
        `${s.name}: ${
          s.logs
            .filter((l) => l.level === 'warn' || l.level === 'error')
            .slice(-5)
            .map((l) => JSON.stringify(l))
            .join(' | ') || 'nothing'
        }`,
    )
    .join('\n');

const start = async (name: string) => running.set(name, await startService(name, env, 120_000));
const intakeUrl = () => `http://127.0.0.1:${running.get('intake')!.logs.find((l) => l.msg === 'listening')!.port}`;

/** Posts with the ticket's own idempotency key, retrying while intake is down: a retry never makes a second ticket. */
const postUntilAccepted = async (body: unknown, key: string): Promise<void> => {
  for (;;) {
    try {
      const res = await fetch(`${intakeUrl()}/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });
      if (res.status === 202) return;
    } catch {
      // intake is restarting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
};

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  env.DATABASE_URL = database.url;
  await ensureKafka(broker);
  store = await createPgStore({ url: env.DATABASE_URL, embeddingDim: 384 });
  await store.tenants.ensure(TENANT);
  await store.tenants.createApiKey(TENANT, API_KEY);
  const embeddings = await createEmbeddings({ provider: 'hashed' }, { warn: () => {} });
  await importArticles(await readKnowledgeBase('data/seed/kb'), { store, embeddings, tenantId: TENANT });
  observer = createKafkaBus({ brokers: [brokers], clientId: 'fault-observer', topicPrefix: prefix });
  await observer.subscribe({
    topic: Topics.ticketsRouted,
    group: 'fault-observer',
    handler: async (batch) => {
      routedKeys.push(...batch.map((d) => d.event.key));
      return [];
    },
  });
  for (const name of SERVICES) await start(name);
}, 300_000);

afterAll(async () => {
  await Promise.all([...running.values()].map((s) => s.stop()));
  await observer?.close();
  await store?.close();
  await database?.drop();
  await stopKafka({ home: broker.home });
});

describe('delivery guarantees under failure', () => {
  it('routes 1,000 tickets exactly once while each service is SIGKILLed once and the broker restarts', async () => {
    const tickets = await variedTickets(1000);
    const runId = randomBytes(3).toString('hex');
    let posted = 0;
    const producer = (async () => {
      for (let i = 0; i < tickets.length; i += 10) {
        await Promise.all(tickets.slice(i, i + 10).map((t, j) => postUntilAccepted(t, `${runId}-${i + j}`)));
        posted = i + 10;
      }
    })();

    for (const [k, name] of SERVICES.entries()) {
      await waitFor(
        () => posted >= (k + 1) * 150,
        120_000,
        () => `posted ${posted}`,
      );
      await running.get(name)!.kill();
      await start(name);
      console.error(`killed and restarted ${name} after ${posted} posted, ${new Set(routedKeys).size} routed`);
    }
    await waitFor(
      () => posted >= 850,
      120_000,
      () => `posted ${posted}`,
    );
    await stopKafka({ home: broker.home });
    await ensureKafka(broker);
    console.error(`restarted the broker after ${posted} posted, ${new Set(routedKeys).size} routed`);

    await producer;
    await waitFor(
      () => new Set(routedKeys).size >= tickets.length,
      240_000,
      () => `${new Set(routedKeys).size}/${tickets.length} routed; ${troubles()}`,
    );
    await new Promise((r) => setTimeout(r, 3_000));
    // What exists is what a read_committed consumer finds on the topic, not what one observer
    // (itself at-least-once) happened to be handed.
    const onTopic = await observer.read(Topics.ticketsRouted);
    const keys = onTopic.map((m) => m.key);
    expect(new Set(keys).size).toBe(1000);
    expect(keys).toHaveLength(1000);
  }, 480_000);
});
