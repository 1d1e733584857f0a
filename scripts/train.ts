// `npm run train -- --tenant <id> [--examples <file.csv|file.jsonl>]`: adds labeled examples (if
// given) to the tenant's store, retrains its categorizer from all its examples (seed, imports,
// agents' corrections), stores the new version and tells running categorizers to load it.
import { parseArgs } from 'node:util';
import { CATEGORIZER_MODEL, CategorizerConfig, createModelRegistry } from '@triage/categorizer';
import { createEvent, Topics } from '@triage/contracts';
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { readExamples } from '@triage/ml';
import { createLogger, loadConfig, PlatformEnv } from '@triage/runtime';
import { createPgStore } from '@triage/store';

const { values } = parseArgs({ options: { tenant: { type: 'string' }, examples: { type: 'string' } } });
if (!values.tenant) {
  console.error('usage: npm run train -- --tenant <id> [--examples <file.csv|file.jsonl>]');
  process.exit(2);
}
const tenantId = values.tenant;

const platform = loadConfig(PlatformEnv);
const config = loadConfig(CategorizerConfig);
const logger = createLogger({ service: 'train', level: platform.LOG_LEVEL });
const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => logger.warn(m) });
const store = await createPgStore({ url: platform.DATABASE_URL, embeddingDim: platform.EMBEDDING_DIM });
try {
  await store.tenants.ensure(tenantId);
  if (values.examples) {
    const rows = await readExamples(values.examples);
    await store.examples.add(
      tenantId,
      rows.map(({ text, category, kind }) => ({ text, category, kind, source: 'import' as const })),
    );
    logger.info('examples imported', { tenantId, examples: rows.length });
  }
  const registry = createModelRegistry({
    store,
    embeddings,
    logger,
    fallbackTenant: config.FALLBACK_TENANT,
    targetPrecision: config.TARGET_PRECISION,
  });
  const model = await registry.retrain(tenantId);
  const event = createEvent(Topics.modelsUpdated, {
    tenantId,
    key: CATEGORIZER_MODEL,
    payload: { model: CATEGORIZER_MODEL, version: model.version },
  });
  await store.outbox.enqueue(tenantId, [{ topic: Topics.modelsUpdated, event }]);
  console.log(`trained ${model.version} for tenant ${tenantId}`);
} finally {
  await store.close();
}
