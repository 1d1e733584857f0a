// A helpdesk's event stream on the real Kafka broker and PostgreSQL: it disconnects, tickets are
// routed meanwhile, and it resumes with Last-Event-ID.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventOf, Topics } from '@triage/contracts';
import { createEmbeddings } from '@triage/embeddings';
import { importArticles, readKnowledgeBase } from '@triage/knowledge';
import { createPgStore, type Store } from '@triage/store';
import { freshDatabase } from './harness/database.ts';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { openStream } from './harness/sse.ts';
import { variedTickets } from './harness/tickets.ts';
import { waitFor } from './harness/wait.ts';

type Routed = EventOf<typeof Topics.ticketsRouted>;

const TENANT = 'acme';
const API_KEY = 'stream-acme-key-0123456789';
const OTHER = 'globex';
const OTHER_KEY = 'stream-globex-key-0123456789';
const env = {
  KAFKA_BROKERS: inject('kafkaBrokers'),
  DATABASE_URL: '',
  KAFKA_TOPIC_PREFIX: `stream-${randomBytes(4).toString('hex')}.`,
  EMBEDDER: 'hashed',
};

let store: Store;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let services: ServiceProcess[] = [];
let intakeUrl = '';

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  env.DATABASE_URL = database.url;
  store = await createPgStore({ url: env.DATABASE_URL, embeddingDim: 384 });
  const embeddings = await createEmbeddings({ provider: 'hashed' }, { warn: () => {} });
  const articles = await readKnowledgeBase('data/seed/kb');
  for (const [tenantId, key] of [
    [TENANT, API_KEY],
    [OTHER, OTHER_KEY],
  ] as const) {
    await store.tenants.ensure(tenantId);
    await store.tenants.createApiKey(tenantId, key);
    await importArticles(articles, { store, embeddings, tenantId });
  }
  services = await Promise.all(
    ['categorizer', 'kb-retrieval', 'escalator', 'handoff-composer'].map((name) => startService(name, env, 120_000)),
  );
  const intake = await startService('intake', { ...env, PORT: '0' }, 120_000);
  services.push(intake);
  intakeUrl = `http://127.0.0.1:${intake.logs.find((l) => l.msg === 'listening')!.port}`;
}, 240_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await store?.close();
  await database?.drop();
});

const post = async (body: unknown, apiKey = API_KEY): Promise<string> => {
  const res = await fetch(`${intakeUrl}/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
};

/** The ids of the caller's routed tickets, every page of GET /v1/tickets. */
const routedIds = async (apiKey = API_KEY): Promise<Set<string>> => {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = `status=routed&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await fetch(`${intakeUrl}/v1/tickets?${query}`, { headers: { authorization: `Bearer ${apiKey}` } });
    const page = (await res.json()) as { tickets: { id: string }[]; nextCursor: string | null };
    for (const t of page.tickets) ids.add(t.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
};

describe('a helpdesk stream', () => {
  it('disconnects, 50 tickets are routed meanwhile, and reconnecting with Last-Event-ID delivers exactly those 50 once', async () => {
    const url = `${intakeUrl}/v1/stream/tickets.routed`;
    const [first, ...tickets] = await variedTickets(51);
    const before = await openStream<Routed>(url, API_KEY);
    const firstId = await post(first);
    await waitFor(
      () => before.events.length > 0,
      60_000,
      () => 'the first ticket was not streamed',
    );
    before.close();
    expect(before.events.map((e) => e.key)).toEqual([firstId]);
    const lastEventId = before.ids[0]!;

    const missed = await Promise.all(tickets.map((t) => post(t)));
    // Another tenant's tickets routed meanwhile must not come back in this tenant's replay.
    const others = await Promise.all(tickets.slice(0, 10).map((t) => post(t, OTHER_KEY)));
    await waitFor(
      async () => {
        const [own, other] = await Promise.all([routedIds(), routedIds(OTHER_KEY)]);
        return missed.every((id) => own.has(id)) && others.every((id) => other.has(id));
      },
      120_000,
      () => 'the 60 tickets were not all routed',
    );

    const resumed = await openStream<Routed>(url, API_KEY, lastEventId);
    await waitFor(
      () => resumed.events.length >= missed.length,
      30_000,
      () => `${resumed.events.length}/${missed.length} replayed`,
    );
    await new Promise((r) => setTimeout(r, 2_000)); // a duplicate would arrive now
    resumed.close();

    expect(resumed.events.map((e) => e.key).sort()).toEqual([...missed].sort());
    expect(resumed.ids).toEqual(resumed.events.map((e) => e.key));
    expect(resumed.events.every((e) => e.tenantId === TENANT && e.type === 'ticket.routed' && e.payload.packet.summary.length > 0)).toBe(
      true,
    );
  }, 240_000);
});
