import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { createKnowledgeSearch, RetrievalConfig, searchWarmup } from '@triage/kb-retrieval';
import { loadConfig, runStandalone } from '@triage/runtime';
import { IntakeConfig } from './config.ts';
import { createIntake } from './intake.ts';

await runStandalone('intake', async ({ config, store, bus, logger, registry, isReady }) => {
  const intakeConfig = loadConfig(IntakeConfig);
  const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => logger.warn(m) });
  const search = createKnowledgeSearch({ store, embeddings, config: loadConfig(RetrievalConfig) });
  const intake = createIntake({
    store,
    bus,
    search,
    logger,
    config: intakeConfig,
    instanceId: config.INSTANCE_ID,
    registry,
    defaultTenant: intakeConfig.OPS_DEFAULT_TENANT,
    isReady,
  });
  return { workers: [], components: [searchWarmup(search, store, { wait: false, logger }), ...intake.components] };
});
