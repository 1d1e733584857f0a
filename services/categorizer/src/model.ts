import type { Prediction } from './categorize.ts';

/** A tenant's trained categorizer, as the pipeline uses it. */
export interface CategorizerModel {
  version: string;
  abstainBelow: number;
  predictCategory(text: string, embedding: number[]): Prediction[];
  /** Absent when the training examples carried no incident/service-request labels. */
  predictKind?(text: string, embedding: number[]): Prediction[];
}

export interface ModelRegistry {
  /** The tenant's current model, loading or training it on first use. */
  forTenant(tenantId: string): Promise<CategorizerModel>;
  /** Forgets a tenant's cached model so the next ticket loads the newest version. */
  invalidate(tenantId: string): void;
}
