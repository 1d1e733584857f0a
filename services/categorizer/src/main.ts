import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { loadConfig, runStandalone } from '@triage/runtime';
import { composeCategorizer } from './service.ts';
import { CategorizerConfig } from './config.ts';

await runStandalone('categorizer', async (deps) => {
  const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => deps.logger.warn(m) });
  return composeCategorizer({ ...deps, embeddings, config: loadConfig(CategorizerConfig) });
});
