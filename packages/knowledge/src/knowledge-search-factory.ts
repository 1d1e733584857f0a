import type { TextEmbedder } from '@triage/embeddings';
import type { Component, Logger } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { RetrievalConfig } from './config.ts';
import { createHybridSearch } from './hybrid-search.ts';
import type { KnowledgeSearch } from './knowledge-search.ts';
import { createTenantIndexes } from './tenant-indexes.ts';

interface KnowledgeSearchParts {
  store: Store;
  embeddings: TextEmbedder;
  config: RetrievalConfig;
}

export type RefreshableSearch = KnowledgeSearch & {
  /** Drops a tenant's in-memory indexes; the next search rebuilds them from the store. */
  invalidate(tenantId: string): void;
  /** Builds the tenant's in-memory indexes now rather than in its first search. */
  warm(tenantId: string): Promise<void>;
};

export const createKnowledgeSearch = (parts: KnowledgeSearchParts): RefreshableSearch => {
  const indexes = createTenantIndexes(parts.store, {
    maxArticles: parts.config.LEXICAL_MAX_ARTICLES,
    maxDenseChunks: parts.config.DENSE_MEMORY_MAX_CHUNKS,
    dimension: parts.embeddings.dimension,
  });
  const search = createHybridSearch({ ...parts, indexes });
  return {
    search: (tenantId, query) => search.search(tenantId, query),
    invalidate: (tenantId) => indexes.invalidate(tenantId),
    async warm(tenantId) {
      await indexes.forTenant(tenantId);
    },
  };
};

interface WarmupOptions {
  /** Start only once every index is built (kb-retrieval), or build them in the background (intake, which accepts tickets without them). */
  wait: boolean;
  logger: Logger;
}

/**
 * Builds every tenant's lexical index as the process starts: on the real knowledge base an index
 * takes about a second, and every search behind a tenant's first one would wait for it. A tenant
 * whose index cannot be built now is logged and left to its first search, as before.
 */
export const searchWarmup = (search: RefreshableSearch, store: Store, { wait, logger }: WarmupOptions): Component => {
  const warmAll = async () => {
    for (const tenantId of await store.tenants.list()) {
      await search
        .warm(tenantId)
        .catch((err: unknown) => logger.warn('lexical index not built ahead; the first search will build it', { tenantId, err }));
    }
  };
  return {
    name: 'search-warmup',
    start: async () => {
      const warming = warmAll().catch((err: unknown) => logger.warn('lexical indexes not built ahead', { err }));
      if (wait) await warming;
    },
  };
};
