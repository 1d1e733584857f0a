import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { RetrievalConfig } from '@triage/knowledge';
import { loadConfig, runStandalone } from '@triage/runtime';
import { composeKbRetrieval } from './service.ts';

await runStandalone('kb-retrieval', async (deps) => {
  const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => deps.logger.warn(m) });
  return composeKbRetrieval({ ...deps, embeddings, config: loadConfig(RetrievalConfig) });
});
