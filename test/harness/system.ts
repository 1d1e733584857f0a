// Services as separate processes on the real Kafka broker and PostgreSQL + pgvector, in a database
// and on topics of their own: what the end-to-end tests start before their first test.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { createKafkaBus, type Bus, type Delivery } from '@triage/bus';
import type { Topic } from '@triage/contracts';
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { importArticles, readKnowledgeBase } from '@triage/knowledge';
import { createPgStore, type Store } from '@triage/store';
import { freshDatabase } from './database.ts';
import { startService, type ServiceProcess } from './service-process.ts';

export interface TenantSetup {
  id: string;
  apiKey?: string;
  /** A widget key for every origin. */
  widgetKey?: string;
}

/** What a test reads of a topic, each batch as it arrives; subscribed before any service starts. */
export type Observers = { [T in Topic]?: (deliveries: Delivery<T>[]) => void };

export interface SystemOptions {
  /** Starts the topic prefix, so a stuck run's topics say which file made them. */
  name: string;
  embedder: 'hashed' | 'minilm';
  tenants?: TenantSetup[];
  /** Runs once the tenants exist and before any service starts (articles the index warms up with). */
  seed?: (store: Store) => Promise<void>;
  observe?: Observers;
  /** Started together first: the stages a ticket goes through. */
  workers?: string[];
  /** Started together once the workers are up, each on a port of its own; a name may be given twice. */
  apis?: string[];
  /** Every service's environment, on top of the connections. */
  env?: Record<string, string>;
  /** A service's own environment, on top of `env`. */
  envOf?: Record<string, Record<string, string>>;
  startTimeoutMs?: number;
}

export interface System {
  store: Store;
  databaseUrl: string;
  services: ServiceProcess[];
  /** The address of a service started in `apis`: the first of that name. */
  urlOf(name: string): string;
  /** Posts a ticket to intake with `apiKey` (the first tenant's unless given); resolves with its id. */
  submit(body: unknown, apiKey?: string, headers?: Record<string, string>): Promise<string>;
  /** Stops every service (SIGTERM), then the observer, the store and the database; resolves with the exit codes. */
  stop(): Promise<(number | null)[]>;
}

export const startSystem = async (options: SystemOptions): Promise<System> => {
  const database = await freshDatabase(inject('databaseUrl'));
  const brokers = inject('kafkaBrokers');
  const prefix = `${options.name}-${randomBytes(4).toString('hex')}.`;
  const env = {
    KAFKA_BROKERS: brokers,
    DATABASE_URL: database.url,
    KAFKA_TOPIC_PREFIX: prefix,
    EMBEDDER: options.embedder,
    ...options.env,
  };
  const store = await createPgStore({ url: database.url, embeddingDim: 384 });
  for (const tenant of options.tenants ?? []) {
    await store.tenants.ensure(tenant.id);
    if (tenant.apiKey) await store.tenants.createApiKey(tenant.id, tenant.apiKey);
    if (tenant.widgetKey) await store.tenants.createWidgetKey(tenant.id, ['*'], tenant.widgetKey);
  }
  await options.seed?.(store);
  const observers = Object.entries(options.observe ?? {}) as [Topic, (deliveries: Delivery<Topic>[]) => void][];
  const observer: Bus | undefined =
    observers.length > 0 ? createKafkaBus({ brokers: [brokers], clientId: `${options.name}-observer`, topicPrefix: prefix }) : undefined;
  for (const [topic, onBatch] of observers) {
    await observer!.subscribe({
      topic,
      group: `e2e-observer-${topic}`,
      handler: async (batch) => {
        onBatch(batch);
        return [];
      },
    });
  }
  const start = (name: string) => startService(name, { ...env, PORT: '0', ...options.envOf?.[name] }, options.startTimeoutMs);
  const services = await Promise.all((options.workers ?? []).map(start));
  services.push(...(await Promise.all((options.apis ?? []).map(start))));
  const urlOf = (name: string) => {
    const port = services.find((s) => s.name === name)?.logs.find((l) => l.msg === 'listening')?.port;
    if (port === undefined) throw new Error(`${name} serves no API here`);
    return `http://127.0.0.1:${port}`;
  };
  const firstKey = options.tenants?.[0]?.apiKey;
  return {
    store,
    databaseUrl: database.url,
    services,
    urlOf,
    submit: async (body, apiKey = firstKey, headers = {}) => {
      const res = await fetch(`${urlOf('intake')}/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    },
    stop: async () => {
      const codes = await Promise.all(services.map((s) => s.stop()));
      await observer?.close();
      await store.close();
      await database.drop();
      return codes;
    },
  };
};

/**
 * Starts the file's processes before its first test and stops them after its last; every one of
 * them must exit 0 on SIGTERM.
 */
export const runDuringFile = <T extends { stop(): Promise<(number | null)[]> }>(start: () => Promise<T>, timeoutMs = 180_000): void => {
  let running: T | undefined;
  beforeAll(async () => {
    running = await start();
  }, timeoutMs);
  afterAll(async () => {
    const codes = await running?.stop();
    expect(codes).toEqual(codes?.map(() => 0));
  });
};

/** The seed knowledge base imported for each tenant, with its ids prefixed where the tenant says so. */
export const importSeedArticles = async (
  store: Store,
  embedder: SystemOptions['embedder'],
  tenants: { tenantId: string; idPrefix?: string }[],
): Promise<void> => {
  const embeddings = await createEmbeddings(EmbeddingsEnv.parse({ EMBEDDER: embedder }), {
    warn: (m) => {
      throw new Error(m);
    },
  });
  const articles = await readKnowledgeBase('data/seed/kb');
  for (const { tenantId, idPrefix = '' } of tenants)
    await importArticles(
      articles.map((a) => ({ ...a, id: `${idPrefix}${a.id}` })),
      { store, embeddings, tenantId },
    );
};
