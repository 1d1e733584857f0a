import type { TextEmbedder } from '@triage/embeddings';
import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import { createCategorizer } from './categorizer.ts';
import type { CategorizerConfig } from './config.ts';

export interface CategorizerDeps extends ServiceDeps {
  config: CategorizerConfig;
  embeddings: TextEmbedder;
}

/** The categorizer: tickets in, categorized tickets out, and a reload of a tenant's model when it is retrained. */
export const composeCategorizer = async (deps: CategorizerDeps): Promise<ServiceParts> => {
  const { workers } = await createCategorizer(deps);
  return { name: 'categorizer', workers };
};
