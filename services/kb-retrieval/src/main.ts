import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { loadConfig, runStandalone } from '@triage/runtime';
import { RetrievalConfig } from './config.ts';
import { createKnowledgeSearch, kbUpdatesWorker, searchWarmup } from './knowledge-search-factory.ts';
import { createKbRetrievalWorker } from './worker.ts';

await runStandalone('kb-retrieval', async ({ config, store, logger }) => {
  const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => logger.warn(m) });
  const search = createKnowledgeSearch({ store, embeddings, config: loadConfig(RetrievalConfig) });
  return {
    components: [searchWarmup(search, store, { wait: true, logger })],
    workers: [createKbRetrievalWorker({ store, search }), kbUpdatesWorker(search, `kb-retrieval-updates-${config.INSTANCE_ID}`)],
  };
});
