import type { TextEmbedder } from '@triage/embeddings';
import { createKnowledgeBase, type RetrievalConfig } from '@triage/knowledge';
import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import { createKbRetrievalWorker } from './worker.ts';

export interface KbRetrievalServiceDeps extends ServiceDeps {
  config: RetrievalConfig;
  embeddings: TextEmbedder;
}

/** kb-retrieval: categorized tickets in, the top solutions out; starts consuming once every tenant's index is built. */
export const composeKbRetrieval = async (deps: KbRetrievalServiceDeps): Promise<ServiceParts> => {
  const kb = createKnowledgeBase({ ...deps, owner: 'kb-retrieval', warm: 'wait' });
  return {
    name: 'kb-retrieval',
    components: kb.components,
    workers: [createKbRetrievalWorker({ store: deps.store, search: kb.search }), ...kb.workers],
  };
};
