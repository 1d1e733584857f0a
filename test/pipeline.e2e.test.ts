// The whole pipeline as five processes on the real Kafka broker and PostgreSQL + pgvector.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafkaBus, type Bus, type Delivery } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { importArticles, readKnowledgeBase } from '@triage/knowledge';
import { createPgStore, type Store } from '@triage/store';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { variedTickets, vipOutage } from './harness/tickets.ts';
import { waitFor } from './harness/wait.ts';
import { freshDatabase } from './harness/database.ts';

const TENANT = 'acme';
const API_KEY = 'e2e-acme-key-0123456789';
/** A second tenant holding the same article text under its own ids: nothing may cross over. */
const OTHER = 'globex';
const OTHER_KEY = 'e2e-globex-key-0123456789';
const OTHER_WIDGET = 'e2e-globex-widget-key';
const prefix = `e2e-${randomBytes(4).toString('hex')}.`;
const env = {
  KAFKA_BROKERS: inject('kafkaBrokers'),
  DATABASE_URL: '',
  KAFKA_TOPIC_PREFIX: prefix,
  EMBEDDER: 'minilm',
};

let store: Store;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let observer: Bus;
let services: ServiceProcess[] = [];
let intakeUrl = '';
const routed: Delivery<typeof Topics.ticketsRouted>[] = [];
const major: Delivery<typeof Topics.incidentsMajor>[] = [];

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  env.DATABASE_URL = database.url;
  store = await createPgStore({ url: env.DATABASE_URL, embeddingDim: 384 });
  await store.tenants.ensure(TENANT);
  await store.tenants.createApiKey(TENANT, API_KEY);
  const embeddings = await createEmbeddings(EmbeddingsEnv.parse({ EMBEDDER: 'minilm' }), {
    warn: (m) => {
      throw new Error(m);
    },
  });
  const articles = await readKnowledgeBase('data/seed/kb');
  await importArticles(articles, { store, embeddings, tenantId: TENANT });
  await store.tenants.ensure(OTHER);
  await store.tenants.createApiKey(OTHER, OTHER_KEY);
  await store.tenants.createWidgetKey(OTHER, ['*'], OTHER_WIDGET);
  await importArticles(
    articles.map((a) => ({ ...a, id: `globex-${a.id}` })),
    { store, embeddings, tenantId: OTHER },
  );

  observer = createKafkaBus({ brokers: [env.KAFKA_BROKERS], clientId: 'e2e-observer', topicPrefix: prefix });
  await observer.subscribe({
    topic: Topics.ticketsRouted,
    group: 'e2e-routed',
    handler: async (batch) => {
      routed.push(...batch);
      return [];
    },
  });
  await observer.subscribe({
    topic: Topics.incidentsMajor,
    group: 'e2e-major',
    handler: async (batch) => {
      major.push(...batch);
      return [];
    },
  });

  services = await Promise.all(['categorizer', 'kb-retrieval', 'escalator', 'handoff-composer'].map((name) => startService(name, env)));
  const intake = await startService('intake', { ...env, PORT: '0' });
  services.push(intake);
  intakeUrl = `http://127.0.0.1:${intake.logs.find((l) => l.msg === 'listening')!.port}`;
}, 180_000);

afterAll(async () => {
  const codes = await Promise.all(services.map((s) => s.stop()));
  await observer?.close();
  await store?.close();
  await database?.drop();
  // Every service stops cleanly on SIGTERM.
  expect(codes).toEqual(services.map(() => 0));
});

const post = async (body: unknown, headers: Record<string, string> = {}, apiKey = API_KEY) => {
  const res = await fetch(`${intakeUrl}/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
};

describe('pipeline through Kafka and PostgreSQL', () => {
  it('routes 200 varied tickets exactly once each, fully enriched; a VIP outage becomes a P1 major incident', async () => {
    const tickets = await variedTickets(200);
    const ids: string[] = [];
    for (let i = 0; i < tickets.length; i += 20) ids.push(...(await Promise.all(tickets.slice(i, i + 20).map((t) => post(t)))));
    const otherIds = await Promise.all(tickets.slice(0, 20).map((t) => post(t, {}, OTHER_KEY)));
    ids.push(...otherIds);
    const traceId = randomBytes(16).toString('hex');
    const outageId = await post(vipOutage, { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
    ids.push(outageId);

    await waitFor(
      () => new Set(routed.map((d) => d.event.key)).size >= ids.length,
      120_000,
      () => `${routed.length}/${ids.length} routed`,
    );
    await new Promise((r) => setTimeout(r, 2_000)); // a duplicate would arrive now

    const byTicket = new Map<string, number>();
    for (const d of routed) byTicket.set(d.event.key, (byTicket.get(d.event.key) ?? 0) + 1);
    expect([...byTicket.keys()].sort()).toEqual([...ids].sort());
    expect([...byTicket.values()].every((n) => n === 1)).toBe(true);

    for (const { event, headers } of routed) {
      const { categorization, retrieval, escalation, packet, queue } = event.payload;
      expect(categorization.category).toMatch(/\S/);
      expect(retrieval.solutions).toHaveLength(3);
      expect(['P1', 'P2', 'P3', 'P4']).toContain(escalation.priority);
      expect(Date.parse(escalation.sla.firstResponseDueAt)).toBeLessThanOrEqual(Date.parse(escalation.sla.resolutionDueAt));
      expect(packet.summary.length).toBeGreaterThan(20);
      expect(headers.queue).toBe(queue);
    }

    // Two tenants with the same article text: each ticket is answered from its own tenant's articles.
    for (const { event } of routed) {
      const fromOther = event.payload.retrieval.solutions.every((s) => s.articleId.startsWith('globex-'));
      const fromOwn = event.payload.retrieval.solutions.every((s) => !s.articleId.startsWith('globex-'));
      expect(event.tenantId === OTHER ? fromOther : fromOwn).toBe(true);
      expect(event.payload.ticket.tenantId).toBe(event.tenantId);
    }
    expect(
      routed
        .filter((d) => d.event.tenantId === OTHER)
        .map((d) => d.event.key)
        .sort(),
    ).toEqual([...otherIds].sort());

    const outage = routed.find((d) => d.event.key === outageId)!.event.payload.escalation;
    expect(outage).toMatchObject({ priority: 'P1', tier: 3, majorIncident: true });
    expect(major.map((d) => d.event.key)).toContain(outageId);
    // The caller's trace id follows the ticket through all five services.
    expect(routed.find((d) => d.event.key === outageId)!.event.traceparent).toContain(traceId);
    const state = (await (
      await fetch(`${intakeUrl}/v1/tickets/${outageId}`, { headers: { authorization: `Bearer ${API_KEY}` } })
    ).json()) as { status: string };
    expect(state.status).toBe('routed');
  }, 240_000);

  it("never shows one tenant's articles or tickets to another", async () => {
    const deflect = await fetch(`${intakeUrl}/v1/deflect`, {
      method: 'POST',
      headers: { 'x-widget-key': OTHER_WIDGET, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'How do I reset my password?' }),
    });
    const { solutions } = (await deflect.json()) as { solutions: { articleId: string }[] };
    expect(solutions.length).toBeGreaterThan(0);
    expect(solutions.every((s) => s.articleId.startsWith('globex-'))).toBe(true);
    const acmeTicket = routed.find((d) => d.event.tenantId === TENANT)!.event.key;
    const peek = await fetch(`${intakeUrl}/v1/tickets/${acmeTicket}`, { headers: { authorization: `Bearer ${OTHER_KEY}` } });
    expect(peek.status).toBe(404);
  });
});
