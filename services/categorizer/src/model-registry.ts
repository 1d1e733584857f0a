import type { TextEmbedder } from '@triage/embeddings';
import { createLoadCache, type Logger } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { CategorizerModel, ModelRegistry } from './model.ts';
import { asCategorizerModel, deserializeBundle, serializeBundle } from './model-bundle.ts';
import { trainCategorizer, type TrainCategorizerOptions } from './train.ts';

export const CATEGORIZER_MODEL = 'categorizer';

export interface RegistryOptions extends TrainCategorizerOptions {
  store: Store;
  embeddings: TextEmbedder;
  logger: Logger;
  /** Tenant whose model serves tenants that have no labeled examples of their own. */
  fallbackTenant: string;
}

/** Every model version records which embedder it was trained with; another embedder's vectors would not fit it. */
const versionOf = (embedder: string) => `${embedder}-${new Date().toISOString()}`;

/**
 * Per-tenant categorizers: the newest stored version for this embedder, else one trained now from
 * the tenant's labeled examples (and stored), else the fallback tenant's.
 */
export const createModelRegistry = (options: RegistryOptions): ModelRegistry & { retrain(tenantId: string): Promise<CategorizerModel> } => {
  const retrain = async (tenantId: string): Promise<CategorizerModel> => {
    const examples = await options.store.examples.list(tenantId);
    if (new Set(examples.map((e) => e.category)).size < 2) {
      if (tenantId === options.fallbackTenant) {
        throw new Error(`tenant ${tenantId} has no labeled examples to train the categorizer; import some with \`npm run train\``);
      }
      return registry.forTenant(options.fallbackTenant);
    }
    const started = performance.now();
    const bundle = await trainCategorizer(examples, options.embeddings, options);
    const version = versionOf(options.embeddings.name);
    await options.store.models.save(tenantId, {
      name: CATEGORIZER_MODEL,
      version,
      data: serializeBundle(bundle),
      metrics: { ...bundle.category.report, trainedOn: examples.length },
    });
    options.logger.info('categorizer trained', {
      tenantId,
      version,
      examples: examples.length,
      ms: Math.round(performance.now() - started),
    });
    return asCategorizerModel(bundle, version);
  };

  const load = async (tenantId: string): Promise<CategorizerModel> => {
    const stored = await options.store.models.latest(tenantId, CATEGORIZER_MODEL);
    if (stored?.version.startsWith(`${options.embeddings.name}-`))
      return asCategorizerModel(deserializeBundle(stored.data), stored.version);
    return retrain(tenantId);
  };

  const cache = createLoadCache(load);
  const registry = {
    forTenant: cache.get,
    invalidate: cache.invalidate,
    retrain: (tenantId: string) => cache.set(tenantId, retrain(tenantId)),
  };
  return registry;
};
