// `npm run train -- --tenant <id> [--examples <file.csv|file.jsonl>] [--data-dir <folder>]`: adds
// labeled examples (if given) to the tenant's store, retrains its categorizer from all its examples
// (seed, imports, agents' corrections), stores the new version and tells running categorizers to load it.
import { CATEGORIZER_MODEL, CategorizerConfig, createModelRegistry } from '@triage/categorizer';
import { createEvent, Topics } from '@triage/contracts';
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { readExamples } from '@triage/ml';
import { createLogger, loadConfig, PlatformEnv } from '@triage/runtime';
import { helpRequested, parseCli } from './cli/args.ts';
import { UsageError } from './cli/failures.ts';
import { runCli } from './cli/run.ts';
import { dataDirOf, dataDirUsage, openStore } from './cli/store.ts';

const USAGE = `usage: npm run train -- --tenant <id> [--examples <file.csv | file.jsonl>] [--data-dir <folder>]

Adds the labeled examples (text,category[,kind]) to the tenant's, retrains its categorizer on all of
them and tells running categorizers to load the new version.
${dataDirUsage('the model')}`;

await runCli(async () => {
  helpRequested(USAGE);
  const { values } = parseCli({ options: { tenant: { type: 'string' }, examples: { type: 'string' }, 'data-dir': { type: 'string' } } });
  if (!values.tenant) throw new UsageError('--tenant <id> is required');
  const tenantId = values.tenant;

  const config = loadConfig(CategorizerConfig);
  const logger = createLogger({ service: 'train', level: loadConfig(PlatformEnv).LOG_LEVEL });
  const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => logger.warn(m) });
  const store = await openStore(dataDirOf(values['data-dir']), 'stop it first (Ctrl-C), then train; it loads the model when it starts');
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
});
