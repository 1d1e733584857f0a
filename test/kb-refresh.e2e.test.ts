// The deflection endpoint answers from articles imported while it runs (issue 23): on the standalone
// intake, with `npm run kb:import` run beside it, and in the embedded default's composition.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { HashedNgramEmbeddings } from '@triage/embeddings';
import { composeIntake, IntakeConfig } from '@triage/intake';
import { composeKbRetrieval } from '@triage/kb-retrieval';
import { announceKbUpdate, importArticles, readKnowledgeBase, RetrievalConfig } from '@triage/knowledge';
import { composeProcess, createLogger, type Lifecycle } from '@triage/runtime';
import { createPgliteStore, createPgStore, type Store } from '@triage/store';
import { Registry } from 'prom-client';
import { freshDatabase } from './harness/database.ts';
import { LATE_ARTICLE, LATE_QUESTION } from './harness/late-article.ts';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { waitFor } from './harness/wait.ts';

const TENANT = 'acme';
const WIDGET_KEY = 'kb-refresh-widget-key';
/** Both sides of an import must embed alike; hashed n-grams need no model and answer the late question as MiniLM does. */
const embeddings = new HashedNgramEmbeddings();
/** The import reaches a running search through the outbox and the bus: well within this. */
const REFRESH_MS = 15_000;

interface Deflection {
  deflectable: boolean;
  solutions: { articleId: string }[];
}

const deflect = async (baseUrl: string): Promise<Deflection> => {
  const res = await fetch(`${baseUrl}/v1/deflect`, {
    method: 'POST',
    headers: { 'x-widget-key': WIDGET_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ question: LATE_QUESTION }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Deflection;
};

const answersWithLateArticle = (d: Deflection) => d.solutions[0]?.articleId === LATE_ARTICLE.id && d.deflectable;

/** A tenant with a widget key and the seed knowledge base, which holds nothing about the late question. */
const seed = async (store: Store) => {
  await store.tenants.ensure(TENANT);
  await store.tenants.createWidgetKey(TENANT, ['*'], WIDGET_KEY);
  await importArticles(await readKnowledgeBase('data/seed/kb'), { store, embeddings, tenantId: TENANT });
};

/** Asks before the import (nothing fits), then polls until the answer is the late article. */
const expectRefreshAfter = async (baseUrl: string, importLate: () => Promise<void>): Promise<void> => {
  const before = await deflect(baseUrl);
  expect(before.solutions.map((s) => s.articleId)).not.toContain(LATE_ARTICLE.id);
  expect(before.deflectable).toBe(false);
  await importLate();
  let last = before;
  await waitFor(
    async () => {
      last = await deflect(baseUrl);
      return answersWithLateArticle(last);
    },
    REFRESH_MS,
    () => `still answering ${JSON.stringify(last.solutions.map((s) => s.articleId))} (deflectable: ${last.deflectable})`,
  );
};

describe('standalone intake on Kafka and PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let store: Store;
  let intake: ServiceProcess;
  let dir: string;
  const env = {
    KAFKA_BROKERS: inject('kafkaBrokers'),
    DATABASE_URL: '',
    KAFKA_TOPIC_PREFIX: `kb-refresh-${randomBytes(4).toString('hex')}.`,
    EMBEDDER: 'hashed',
  };

  beforeAll(async () => {
    database = await freshDatabase(inject('databaseUrl'));
    env.DATABASE_URL = database.url;
    store = await createPgStore({ url: database.url, embeddingDim: embeddings.dimension });
    await seed(store);
    dir = await mkdtemp(join(tmpdir(), 'kb-refresh-'));
    intake = await startService('intake', { ...env, PORT: '0' });
  }, 120_000);

  afterAll(async () => {
    const code = await intake?.stop();
    await store?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
    expect(code).toBe(0);
  });

  it('answers from an article `npm run kb:import` added after it started', async () => {
    const url = `http://127.0.0.1:${intake.logs.find((l) => l.msg === 'listening')!.port}`;
    const file = join(dir, 'late.jsonl');
    await writeFile(file, `${JSON.stringify(LATE_ARTICLE)}\n`);
    await expectRefreshAfter(url, async () => {
      await promisify(execFile)(process.execPath, ['scripts/kb-import.ts', file, '--tenant', TENANT], {
        cwd: join(import.meta.dirname, '..'),
        env: { ...process.env, ...env },
      });
    });
  });
});

describe('the embedded default', () => {
  // Its PGlite and bus live inside its process, where no outside `kb:import` reaches: the test
  // composes intake and kb-retrieval as services/embedded/src/main.ts does, on the same kind of
  // store and bus, and imports as kb:import does (the articles, then the announcement in the outbox).
  let store: Store;
  let lifecycle: Lifecycle;
  let url: string;

  beforeAll(async () => {
    const logger = createLogger({ service: 'kb-refresh-embedded', level: 'warn' });
    store = await createPgliteStore({ embeddingDim: embeddings.dimension });
    await seed(store);
    const bus = createInProcessBus({ logger });
    const deps = { store, bus, logger, registry: new Registry(), instanceId: 'embedded' };
    const retrieval = RetrievalConfig.parse({});
    const process = composeProcess({
      ...deps,
      name: 'triage',
      services: [
        await composeKbRetrieval({ ...deps, embeddings, config: retrieval }),
        await composeIntake({ ...deps, embeddings, retrieval, config: IntakeConfig.parse({}) }),
      ],
      httpPort: 0,
      healthPort: 0,
    });
    lifecycle = process.lifecycle;
    await lifecycle.start();
    url = `http://127.0.0.1:${process.httpPort()}`;
  }, 120_000);

  // Stopping the process closes its bus and store.
  afterAll(() => (lifecycle ? lifecycle.stop() : store?.close()));

  it('answers from an article imported after it started', async () => {
    await expectRefreshAfter(url, async () => {
      await importArticles([LATE_ARTICLE], { store, embeddings, tenantId: TENANT });
      await announceKbUpdate(store, TENANT);
    });
  });
});
