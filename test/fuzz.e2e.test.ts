// 1,000 generated malformed requests and events: each gets a 4xx or lands in a dead-letter topic
// with its reason, and no process crashes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafkaBus, DlqHeaders, type Bus } from '@triage/bus';
import { createEvent, deadLetterTopic, Topics } from '@triage/contracts';
import { createPgStore, type Store } from '@triage/store';
import { malformedEvents, malformedRequests } from './harness/malformed.ts';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { waitFor } from './harness/wait.ts';
import { freshDatabase } from './harness/database.ts';

const API_KEY = 'fuzz-test-key-0123456789';
const prefix = `fuzz-${randomBytes(4).toString('hex')}.`;
const env = { KAFKA_BROKERS: inject('kafkaBrokers'), DATABASE_URL: '', KAFKA_TOPIC_PREFIX: prefix, EMBEDDER: 'hashed', PORT: '0' };

let store: Store;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let bus: Bus;
let intake: ServiceProcess;
let categorizer: ServiceProcess;
let url = '';

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  env.DATABASE_URL = database.url;
  store = await createPgStore({ url: env.DATABASE_URL, embeddingDim: 384 });
  await store.tenants.ensure('fuzz');
  await store.tenants.createApiKey('fuzz', API_KEY);
  bus = createKafkaBus({ brokers: [env.KAFKA_BROKERS], clientId: 'fuzz', topicPrefix: prefix });
  [intake, categorizer] = await Promise.all([startService('intake', env), startService('categorizer', env)]);
  url = `http://127.0.0.1:${intake.logs.find((l) => l.msg === 'listening')!.port}`;
}, 180_000);

afterAll(async () => {
  await Promise.all([intake?.stop(), categorizer?.stop()]);
  await bus?.close();
  await store?.close();
  await database?.drop();
});

describe('malformed input', () => {
  it('answers 500 malformed ticket requests with a 4xx and a reason, and stores none', async () => {
    const cases = malformedRequests(500);
    const answers: { status: number; error: string; kind: string }[] = [];
    for (let i = 0; i < cases.length; i += 25) {
      answers.push(
        ...(await Promise.all(
          cases.slice(i, i + 25).map(async ([body, kind]) => {
            const res = await fetch(`${url}/v1/tickets`, {
              method: 'POST',
              headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
              body,
            });
            return { status: res.status, error: ((await res.json()) as { error: string }).error, kind };
          }),
        )),
      );
    }
    const wrong = answers.filter((a) => a.status < 400 || a.status >= 500 || !a.error);
    expect(wrong).toEqual([]);
    const sent: unknown[] = [];
    await store.outbox.drain(1_000, async (rows) => void sent.push(...rows));
    expect(sent).toEqual([]);
  });

  it('dead-letters 500 malformed events with a reason and keeps serving valid ones', async () => {
    const ticket = {
      id: 'valid-1',
      tenantId: 'fuzz',
      receivedAt: new Date().toISOString(),
      subject: 'VPN drops',
      body: 'VPN disconnects hourly',
      channel: 'api' as const,
      customer: { id: 'c', tier: 'free' as const, vip: false },
      attachments: [],
    };
    await store.tickets.create(ticket, []);
    const valid = createEvent(Topics.ticketsReceived, { tenantId: 'fuzz', key: ticket.id, payload: { ticket } });
    const cases = malformedEvents(500, valid as unknown as Record<string, unknown>);
    // Small requests: a few 200 kB values would push a larger one past the broker's 1 MB limit.
    for (let i = 0; i < cases.length; i += 4) {
      await bus.publishRaw(
        Topics.ticketsReceived,
        cases.slice(i, i + 4).map(([value], j) => ({ key: `bad-${i + j}`, value })),
      );
    }
    await bus.publish(Topics.ticketsReceived, [valid]);

    const dlq = deadLetterTopic('categorizer');
    await waitFor(
      async () => (await bus.read(dlq)).length >= cases.length,
      120_000,
      () => 'waiting for dead letters',
    );
    const letters = await bus.read(dlq);
    expect(letters).toHaveLength(cases.length);
    expect(letters.every((m) => m.headers[DlqHeaders.reason] && m.headers[DlqHeaders.sourceTopic] === Topics.ticketsReceived)).toBe(true);
    expect(new Set(letters.map((m) => m.key))).toEqual(new Set(cases.map((_, i) => `bad-${i}`)));

    await waitFor(
      async () => (await store.tickets.get('fuzz', ticket.id))?.stages.categorize !== undefined,
      60_000,
      () => 'valid ticket not categorized',
    );
    expect(intake.child.exitCode).toBeNull();
    expect(categorizer.child.exitCode).toBeNull();
  }, 180_000);
});
