import type { TextEmbedder } from '@triage/embeddings';
import { importArticles, readKnowledgeBase } from '@triage/knowledge';
import type { Logger } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { EmbeddedConfig } from './config.ts';

/** The demo tenant, its API and widget keys, and a small knowledge base, created once. */
export const seedDemo = async (store: Store, embeddings: TextEmbedder, config: EmbeddedConfig, logger: Logger): Promise<void> => {
  const tenant = config.DEMO_TENANT;
  await store.tenants.ensure(tenant, 'Demo');
  if (!(await store.tenants.resolveApiKey(config.DEMO_API_KEY))) await store.tenants.createApiKey(tenant, config.DEMO_API_KEY);
  if (!(await store.tenants.resolveWidgetKey(config.DEMO_WIDGET_KEY)))
    await store.tenants.createWidgetKey(tenant, ['*'], config.DEMO_WIDGET_KEY);
  if ((await store.kb.count(tenant)) === 0) {
    const imported = await importArticles(await readKnowledgeBase(config.DEMO_KB), { store, embeddings, tenantId: tenant });
    logger.info('demo knowledge base imported', { tenantId: tenant, ...imported });
  }
};
