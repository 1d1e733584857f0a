import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { RetrievalConfig } from '@triage/knowledge';
import { loadConfig, runStandalone } from '@triage/runtime';
import { IntakeConfig } from './config.ts';
import { composeIntake } from './service.ts';

await runStandalone('intake', async (deps) => {
  const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => deps.logger.warn(m) });
  return composeIntake({ ...deps, embeddings, config: loadConfig(IntakeConfig), retrieval: loadConfig(RetrievalConfig) });
});
