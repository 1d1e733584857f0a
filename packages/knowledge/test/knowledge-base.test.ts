import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { HashedNgramEmbeddings } from '@triage/embeddings';
import { createLifecycle, createLogger, type Lifecycle, workerComponent } from '@triage/runtime';
import { createPgliteStore, type Store } from '@triage/store';
import { LATE_ARTICLE, LATE_QUESTION } from '../../../test/harness/late-article.ts';
import { waitFor } from '../../../test/harness/wait.ts';
import { createKnowledgeBase, importArticles, type KnowledgeBase, readKnowledgeBase, RetrievalConfig } from '../src/index.ts';
import { kbUpdatedEvent } from '../src/kb-updates.ts';

const embeddings = new HashedNgramEmbeddings();
const logger = createLogger({ service: 'knowledge-base-test', level: 'error' });
const bus = createInProcessBus({ logger });
let store: Store;
let lifecycle: Lifecycle;

const knowledgeBase = (owner: string) =>
  createKnowledgeBase({ store, embeddings, config: RetrievalConfig.parse({}), logger, instanceId: 'embedded', owner, warm: 'wait' });
const ask = (kb: KnowledgeBase) => kb.search.search('acme', { text: LATE_QUESTION });

beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: embeddings.dimension });
  await importArticles(await readKnowledgeBase('data/seed/kb'), { store, embeddings, tenantId: 'acme' });
}, 60_000);
afterAll(async () => {
  await lifecycle?.stop();
  await bus.close();
  await store.close();
});

describe('a knowledge base', () => {
  it('searches an article imported after it started, in every service of one process, once the import is announced', async () => {
    // Two services in one process on one bus, as in the embedded default: each must hear the import.
    const intake = knowledgeBase('intake');
    const retrieval = knowledgeBase('kb-retrieval');
    const unwired = knowledgeBase('unwired');
    lifecycle = createLifecycle(
      [intake, retrieval, unwired]
        .flatMap((kb) => kb.components)
        .concat([intake, retrieval].flatMap((kb) => kb.workers.map((w) => workerComponent(bus, w)))),
      logger,
    );
    await lifecycle.start();
    expect((await ask(intake)).solutions.map((s) => s.articleId)).not.toContain(LATE_ARTICLE.id);

    await importArticles([LATE_ARTICLE], { store, embeddings, tenantId: 'acme' });
    await bus.publish(Topics.modelsUpdated, [kbUpdatedEvent('acme')]);

    const fresh = await ask(knowledgeBase('fresh'));
    expect(fresh.solutions[0]!.articleId).toBe(LATE_ARTICLE.id);
    for (const kb of [intake, retrieval]) await waitFor(async () => JSON.stringify(await ask(kb)) === JSON.stringify(fresh), 5_000);
    // Without its worker a search keeps the lexical index it built at start, and the new article does not make its top 3.
    expect((await ask(unwired)).solutions.map((s) => s.articleId)).not.toContain(LATE_ARTICLE.id);
  });
});
