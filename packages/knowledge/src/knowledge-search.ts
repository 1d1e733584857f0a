import type { Retrieval } from '@triage/contracts';

export interface SearchQuery {
  text: string;
  /** The ticket's sentence embedding when a previous stage already computed it. */
  embedding?: number[] | undefined;
}

/** Top-3 knowledge-base solutions for a tenant, shared by the pipeline stage and the deflection endpoint. */
export interface KnowledgeSearch {
  search(tenantId: string, query: SearchQuery): Promise<Retrieval>;
}
