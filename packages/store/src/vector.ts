import { toSql } from 'pgvector';

/** Largest dimension an HNSW index accepts for `vector` columns (pgvector 0.8). */
export const MAX_EMBEDDING_DIM = 2000;

export const assertEmbeddingDimOption = (dim: number): void => {
  if (!Number.isInteger(dim) || dim < 1 || dim > MAX_EMBEDDING_DIM) {
    throw new Error(`embeddingDim must be an integer from 1 to ${MAX_EMBEDDING_DIM}, got ${dim}`);
  }
};

/** pgvector's text format, which both drivers pass through unchanged as a `$n::vector` parameter. */
export const vectorParam = (embedding: number[], dim: number): string => {
  if (embedding.length !== dim) throw new Error(`embedding has ${embedding.length} dimensions; the store expects ${dim}`);
  if (!embedding.every(Number.isFinite)) throw new Error('embedding contains a non-finite number');
  return toSql(embedding) as string;
};
