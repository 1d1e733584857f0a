import { readFile } from 'node:fs/promises';
import { Taxonomy, Topics } from '@triage/contracts';
import { inLane, type TextEmbedder } from '@triage/embeddings';
import { readExamples } from '@triage/ml';
import type { Logger, Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { CategorizerConfig } from './config.ts';
import { createModelRegistry } from './model-registry.ts';
import { warmUp } from './warm-up.ts';
import { createCategorizerWorker } from './worker.ts';

export interface CategorizerParts {
  store: Store;
  embeddings: TextEmbedder;
  logger: Logger;
  config: CategorizerConfig;
  instanceId: string;
}

/**
 * Gives the fallback tenant the seed examples when it has none, so a fresh deployment categorizes
 * into the default taxonomy at once; every tenant's own examples and corrections take over later.
 */
const seedFallbackExamples = async ({ store, config, logger }: CategorizerParts): Promise<void> => {
  await store.tenants.ensure(config.FALLBACK_TENANT);
  if ((await store.examples.list(config.FALLBACK_TENANT)).length > 0) return;
  const rows = await readExamples(config.SEED_EXAMPLES_FILE);
  await store.examples.add(
    config.FALLBACK_TENANT,
    rows.map(({ text, category, kind }) => ({ text, category, kind, source: 'seed' as const })),
  );
  logger.info('seed examples loaded', { tenantId: config.FALLBACK_TENANT, examples: rows.length });
};

/** The categorizer's workers: tickets in, and model updates that make it reload a tenant's model. */
export const createCategorizer = async (parts: CategorizerParts) => {
  const taxonomy = Taxonomy.parse(JSON.parse(await readFile(parts.config.TAXONOMY_FILE, 'utf8')));
  await seedFallbackExamples(parts);
  const models = createModelRegistry({
    store: parts.store,
    // A retraining embeds hundreds of examples on the worker threads the tickets need: it takes what they leave.
    embeddings: inLane(parts.embeddings, 'bulk'),
    logger: parts.logger,
    fallbackTenant: parts.config.FALLBACK_TENANT,
    targetPrecision: parts.config.TARGET_PRECISION,
  });
  // Train or load the fallback model before consuming, so the first tickets do not wait for it.
  const fallback = await models.forTenant(parts.config.FALLBACK_TENANT);
  await warmUp(
    parts.embeddings,
    fallback,
    (await readExamples(parts.config.SEED_EXAMPLES_FILE)).map((e) => e.text),
  );
  const modelUpdates: Worker<typeof Topics.modelsUpdated> = {
    name: 'categorizer-model-updates',
    topic: Topics.modelsUpdated,
    // Every instance keeps its own cache, so every instance must hear every update.
    group: `categorizer-models-${parts.instanceId}`,
    observer: true,
    handler: async (batch) => {
      for (const { event } of batch) if (event.payload.model === 'categorizer') models.invalidate(event.tenantId);
      return [];
    },
  };
  return {
    models,
    workers: [createCategorizerWorker({ store: parts.store, embeddings: parts.embeddings, models, taxonomy }), modelUpdates],
  };
};
