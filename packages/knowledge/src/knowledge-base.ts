import type { TextEmbedder } from '@triage/embeddings';
import type { Component, Logger, Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import type { RetrievalConfig } from './config.ts';
import { kbUpdatesWorker } from './kb-updates.ts';
import type { KnowledgeSearch } from './knowledge-search.ts';
import { createKnowledgeSearch, searchWarmup } from './knowledge-search-factory.ts';

export interface KnowledgeBaseOptions {
  store: Store;
  embeddings: TextEmbedder;
  config: RetrievalConfig;
  logger: Logger;
  /** The process's instance id: with `owner`, names the group that hears imports. */
  instanceId: string;
  /** The service searching, so two services in one process (the embedded default) each hear every import. */
  owner: string;
  /** Start only once every tenant's index is built, or build them while the service already serves. */
  warm: 'wait' | 'background';
}

export interface KnowledgeBase {
  search: KnowledgeSearch;
  /** The index warm-up: start it before anything searches. */
  components: Component[];
  /** Hears `npm run kb:import` and rebuilds the tenant's index; without it searches stay on the articles seen first. */
  workers: Worker[];
}

/**
 * The hybrid search together with what keeps it fresh, so no service can take the search and forget
 * its refresh: the caller adds `components` and `workers` to its own.
 */
export const createKnowledgeBase = (options: KnowledgeBaseOptions): KnowledgeBase => {
  const search = createKnowledgeSearch(options);
  return {
    search: { search: (tenantId, query) => search.search(tenantId, query) },
    components: [searchWarmup(search, options.store, { wait: options.warm === 'wait', logger: options.logger })],
    workers: [kbUpdatesWorker(search, `${options.owner}-kb-updates-${options.instanceId}`)],
  };
};
