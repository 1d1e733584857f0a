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
import { firstTicket, junkIds, otherTicket, unstorableFeedback, unstorableStrings, unstorableTickets } from './harness/unstorable.ts';

const API_KEY = 'fuzz-test-key-0123456789';
const WIDGET_KEY = 'wk_fuzz_0123456789';
const prefix = `fuzz-${randomBytes(4).toString('hex')}.`;
const env = {
  KAFKA_BROKERS: inject('kafkaBrokers'),
  DATABASE_URL: '',
  KAFKA_TOPIC_PREFIX: prefix,
  EMBEDDER: 'hashed',
  PORT: '0',
  // The fuzz checks what each input is answered; a 429 would hide that answer.
  RATE_LIMIT_PER_SECOND: '100000',
  RATE_LIMIT_BURST: '100000',
  WIDGET_CLIENT_RATE_PER_SECOND: '100000',
  WIDGET_CLIENT_BURST: '100000',
};

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
  await store.tenants.createWidgetKey('fuzz', ['*'], WIDGET_KEY);
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

  it('answers text PostgreSQL cannot store, junk ids and reused idempotency keys with a 4xx naming the problem, never a 5xx', async () => {
    const call = (method: string, path: string, body: string | undefined, headers: Record<string, string>) =>
      fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body }),
      });
    const api = { authorization: `Bearer ${API_KEY}` };
    const widget = { 'x-widget-key': WIDGET_KEY };
    const { deflectionId } = (await (
      await call('POST', '/v1/deflect', JSON.stringify({ question: 'printer offline' }), widget)
    ).json()) as {
      deflectionId: string;
    };
    const { id: ticketId } = (await (await call('POST', '/v1/tickets', firstTicket(), api)).json()) as { id: string };
    const reusedKeys = Array.from({ length: 20 }, (_, i) => `fuzz-reuse-${i}`);
    const firstIds: string[] = [];
    for (const key of reusedKeys) {
      const first = await call('POST', '/v1/tickets', firstTicket(), { ...api, 'idempotency-key': key });
      expect(first.status).toBe(202);
      firstIds.push(((await first.json()) as { id: string }).id);
    }

    type Case = { kind: string; expected: { status: number; error: string; field?: string }; send: () => Promise<Response> };
    const invalid = (field: string) => ({ status: 400, error: 'invalid_request', field });
    const cases: Case[] = [
      ...unstorableTickets().map(([body, field]) => ({
        kind: `ticket ${field}`,
        expected: invalid(field),
        send: () => call('POST', '/v1/tickets', body, api),
      })),
      ...unstorableStrings.map((bad) => ({
        kind: 'deflection question',
        expected: invalid('question'),
        send: () => call('POST', '/v1/deflect', JSON.stringify({ question: `printer ${bad} offline` }), widget),
      })),
      ...unstorableFeedback().map(([body, field]) => ({
        kind: `feedback ${field}`,
        expected: invalid(field),
        send: () => call('POST', `/v1/deflect/${deflectionId}/feedback`, body, widget),
      })),
      ...unstorableStrings.map((bad) => ({
        kind: 'correction category',
        expected: invalid('category'),
        send: () => call('POST', `/v1/tickets/${ticketId}/corrections`, JSON.stringify({ category: bad }), api),
      })),
      ...junkIds.flatMap((junk) => [
        { kind: 'ticket id', expected: invalid('id'), send: () => call('GET', `/v1/tickets/${junk}`, undefined, api) },
        {
          kind: 'corrected ticket id',
          expected: invalid('id'),
          send: () => call('POST', `/v1/tickets/${junk}/corrections`, JSON.stringify({ category: 'printing' }), api),
        },
        {
          kind: 'deflection id',
          expected: invalid('deflectionId'),
          send: () => call('POST', `/v1/deflect/${junk}/feedback`, JSON.stringify({ resolved: true }), widget),
        },
      ]),
      ...reusedKeys.map((key, i) => ({
        kind: 'idempotency key reused with another body',
        expected: { status: 422, error: 'idempotency_key_reused' },
        send: () => call('POST', '/v1/tickets', otherTicket(i), { ...api, 'idempotency-key': key }),
      })),
    ];
    const answers: { kind: string; status: number; error: string; field: string | undefined }[] = [];
    for (let i = 0; i < cases.length; i += 25) {
      answers.push(
        ...(await Promise.all(
          cases.slice(i, i + 25).map(async ({ kind, send }) => {
            const res = await send();
            const { error, issues } = (await res.json()) as { error: string; issues?: { path: string }[] };
            return { kind, status: res.status, error, field: issues?.[0]?.path };
          }),
        )),
      );
    }
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers).toEqual(cases.map(({ kind, expected }) => ({ kind, field: undefined, ...expected })));
    expect(cases.length).toBeGreaterThanOrEqual(100);

    // Refused feedback left the deflection open, and the same-body retry of a key still names its first ticket.
    expect((await call('POST', `/v1/deflect/${deflectionId}/feedback`, JSON.stringify({ resolved: false }), widget)).status).toBe(200);
    const retry = await call('POST', '/v1/tickets', firstTicket(), { ...api, 'idempotency-key': reusedKeys[0]! });
    expect(retry.status).toBe(202);
    expect(((await retry.json()) as { id: string }).id).toBe(firstIds[0]);
    expect(intake.child.exitCode).toBeNull();
  });
});
