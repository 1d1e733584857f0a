// The Request Tracker connector through real Kafka, PostgreSQL and a real Request Tracker 5: routed
// tickets of two tenants become RT tickets exactly once across a kill -9, and what agents do in RT
// comes back as lifecycle reports the lifecycle service applies.
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafkaBus, type KafkaBus } from '@triage/bus';
import { type EventOf, type Priority, Ticket, Topics } from '@triage/contracts';
import { lifecycleOf } from '@triage/lifecycle';
import { createPgStore, type Store } from '@triage/store';
import { freshDatabase } from './harness/database.ts';
import { routedTicket, rtApi, type RoutedSpec } from './harness/request-tracker.ts';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { waitFor } from './harness/wait.ts';

const rt = inject('requestTracker');
if (!rt) throw new Error('the Request Tracker global setup provided no RT although this file needs one');
const api = rtApi(rt);
const run = randomBytes(3).toString('hex');
const prefix = `e2e-rt-${run}.`;
// RT outlives test runs: every run has queues of its own.
const queues = { acmeBilling: `acme-billing-${run}`, acmeTech: `acme-tech-${run}`, globex: `globex-${run}` };
const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4'];
const RT_PRIORITY: Record<Priority, number> = { P1: 100, P2: 75, P3: 50, P4: 25 };

const env: Record<string, string> = {
  KAFKA_BROKERS: inject('kafkaBrokers'),
  KAFKA_TOPIC_PREFIX: prefix,
  DATABASE_URL: '',
  RT_URL: rt.url,
  RT_USER: rt.user,
  RT_PASSWORD: rt.password,
  RT_TENANTS_FILE: join(tmpdir(), `rt-tenants-${run}.json`),
  RT_POLL_INTERVAL_MS: '200',
  RT_CONCURRENCY: '4',
};

let store: Store;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let bus: KafkaBus;
let connector: ServiceProcess;
let lifecycle: ServiceProcess;

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  env.DATABASE_URL = database.url;
  store = await createPgStore({ url: database.url, embeddingDim: 384 });
  await store.tenants.ensure('acme');
  await store.tenants.ensure('globex');
  for (const queue of Object.values(queues)) await api.createQueue(queue);
  await writeFile(
    env.RT_TENANTS_FILE!,
    JSON.stringify({
      acme: { queues: { 'tier1-billing': queues.acmeBilling, 'tier2-tech': queues.acmeTech } },
      globex: { queues: {}, defaultQueue: queues.globex },
    }),
  );
  bus = createKafkaBus({ brokers: [env.KAFKA_BROKERS!], clientId: 'e2e-rt', topicPrefix: prefix });
  connector = await startService('rt-connector', env);
  lifecycle = await startService('lifecycle-ingest', env);
}, 180_000);

afterAll(async () => {
  const codes = await Promise.all([connector, lifecycle].map((s) => s?.stop()));
  await bus?.close();
  await store?.close();
  await database?.drop();
  expect(codes).toEqual([0, 0]);
});

const createdCount = async (): Promise<number> => {
  const { rows } = await store.sql.query<{ n: string }>(`SELECT count(*) AS n FROM rt_tickets WHERE state = 'created'`);
  return Number(rows[0]?.n);
};

interface RtTicketView {
  id: number;
  Queue: { id: string };
  Priority: string;
  CustomFields: { name: string; values: string[] }[];
}

describe('Request Tracker connector', () => {
  it('routes 100 tickets of two tenants into RT exactly once across a kill -9, in their mapped queues', async () => {
    const specs: RoutedSpec[] = Array.from({ length: 100 }, (_, i) => ({
      tenantId: i % 2 ? 'globex' : 'acme',
      queue: i % 2 ? 'tier1-general' : i % 4 ? 'tier2-tech' : 'tier1-billing',
      priority: PRIORITIES[i % 4]!,
      tier: ((i % 3) + 1) as 1 | 2 | 3,
      email: `customer${i}@example.com`,
    }));
    const events = specs.map((s) => routedTicket(s));
    await bus.publish(Topics.ticketsRouted, events);

    await waitFor(
      async () => (await createdCount()) >= 30,
      120_000,
      () => 'fewer than 30 tickets reached RT',
    );
    await connector.kill();
    const before = await createdCount();
    expect(before).toBeLessThan(100);
    connector = await startService('rt-connector', env);
    await waitFor(
      async () => (await createdCount()) === 100,
      180_000,
      () => 'not every ticket reached RT',
    );

    // A replay (a dead letter re-driven, say) updates the RT ticket instead of creating another.
    await bus.publish(Topics.ticketsRouted, events.slice(0, 5));

    const rtQueueOf = (s: RoutedSpec) =>
      s.tenantId === 'globex' ? queues.globex : s.queue === 'tier2-tech' ? queues.acmeTech : queues.acmeBilling;
    const inRt = (await Promise.all(Object.values(queues).map((q) => api.ticketIds(q)))).flat();
    expect(inRt).toHaveLength(100);

    const { rows } = await store.sql.query<{ tenant_id: string; ticket_id: string; rt_id: number }>(
      'SELECT tenant_id, ticket_id, rt_id FROM rt_tickets',
    );
    const rtIdOf = new Map(rows.map((r) => [`${r.tenant_id}/${r.ticket_id}`, r.rt_id]));
    expect(new Set(inRt)).toEqual(new Set(rtIdOf.values()));
    const queueIds = new Map(
      await Promise.all(Object.values(queues).map(async (q) => [(await api.get<{ id: number }>(`/queue/${q}`)).id.toString(), q] as const)),
    );
    const check = async (event: EventOf<typeof Topics.ticketsRouted>, spec: RoutedSpec) => {
      const marker = `${event.tenantId}/${event.key}`;
      const ticket = await api.get<RtTicketView>(`/ticket/${rtIdOf.get(marker)}`);
      const cf = Object.fromEntries(ticket.CustomFields.map((f) => [f.name, f.values[0]]));
      expect(queueIds.get(ticket.Queue.id)).toBe(rtQueueOf(spec));
      expect(Number(ticket.Priority)).toBe(RT_PRIORITY[spec.priority]);
      expect(cf).toMatchObject({
        TriageTicketId: marker,
        Category: 'billing',
        Kind: 'incident',
        Tier: String(spec.tier),
        Confidence: '0.87',
        Language: 'en',
      });
    };
    for (let i = 0; i < events.length; i += 10) await Promise.all(events.slice(i, i + 10).map((e, j) => check(e, specs[i + j]!)));

    const first = rtIdOf.get(`${events[0]!.tenantId}/${events[0]!.key}`);
    const history = await api.get<{ items: { id: string; Type: string }[] }>(`/ticket/${first}/history?fields=Type&per_page=100`);
    const comment = history.items.find((t) => t.Type === 'Comment');
    const attachments = await api.get<{ items: { Content: string }[] }>(`/transaction/${comment?.id}/attachments?fields=Content`);
    const text = attachments.items.map((a) => a.Content).join('\n');
    for (const part of [
      'Summary: Invoice export',
      'Evidence:',
      'What was tried:',
      'Hypothesis:',
      'Open questions:',
      'https://help.example.com/kb-7',
      'SLA: first response due',
    ])
      expect(text).toContain(part);
  }, 420_000);

  it('reports a reply, an assignment, a resolve, a reopen and a queue change done in RT as lifecycle events', async () => {
    const spec: RoutedSpec = { tenantId: 'acme', queue: 'tier1-billing', priority: 'P2', tier: 1, email: 'jo@example.com' };
    const id = randomUUID();
    const routed = routedTicket(spec, id);
    await store.tickets.create(Ticket.parse(routed.payload.ticket), []);
    await bus.publish(Topics.ticketsRouted, [routed]);
    const rtId = await (async () => {
      let found: number | undefined;
      await waitFor(async () => {
        const { rows } = await store.sql.query<{ rt_id: number | null }>('SELECT rt_id FROM rt_tickets WHERE ticket_id = $1', [id]);
        found = rows[0]?.rt_id ?? undefined;
        return found !== undefined;
      }, 60_000);
      return found!;
    })();

    // What an agent does, each through RT's own API.
    await api.call('POST', `/ticket/${rtId}/correspond`, { Content: 'We are looking into it.', ContentType: 'text/plain' });
    await api.call('POST', `/ticket/${rtId}/correspond`, { Content: 'Still on it.', ContentType: 'text/plain' });
    await api.call('PUT', `/ticket/${rtId}`, { Owner: rt.user });
    await api.call('PUT', `/ticket/${rtId}`, { Status: 'resolved' });
    await api.call('PUT', `/ticket/${rtId}`, { Status: 'open' });
    await api.call('PUT', `/ticket/${rtId}`, { Queue: queues.acmeTech });

    const expected = ['first_response', 'assigned', 'resolved', 'reopened', 'escalated'];
    const reports = async () =>
      (await bus.read(Topics.ticketsLifecycle)).map((m) => JSON.parse(String(m.value))).filter((e) => e.key === id);
    await waitFor(
      async () => (await reports()).length >= expected.length,
      60_000,
      () => 'lifecycle reports missing',
    );
    const seen = await reports();
    expect(seen.map((e) => e.payload.type)).toEqual(expected);
    expect(seen.every((e) => /^rt-\d+$/.test(e.payload.id) && e.id === e.payload.id)).toBe(true);
    expect(seen.find((e) => e.payload.type === 'escalated').payload.to).toEqual({ team: queues.acmeTech });

    // The lifecycle service applies them: the ticket is escalated, after a reopen.
    await waitFor(async () => (await store.lifecycle.timeline('acme', id)).length === expected.length, 60_000);
    expect(lifecycleOf(await store.lifecycle.timeline('acme', id)).state).toBe('escalated');
  }, 180_000);
});
