import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { loadConfig, runStandalone } from '@triage/runtime';
import { createCategorizer } from './categorizer.ts';
import { CategorizerConfig } from './config.ts';

await runStandalone('categorizer', async ({ config, store, logger }) => {
  const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => logger.warn(m) });
  const { workers } = await createCategorizer({
    store,
    embeddings,
    logger,
    config: loadConfig(CategorizerConfig),
    instanceId: config.INSTANCE_ID,
  });
  return { workers };
});
