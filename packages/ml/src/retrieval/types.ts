export interface RetrievalQuery {
  text: string;
  embedding: number[];
}

export interface ScoredId {
  id: string;
  score: number;
}

/**
 * One side of hybrid retrieval. In-memory indexes implement it for evaluation; the production
 * service can implement it over pgvector or Postgres full-text search.
 */
export interface Retriever {
  /** The best k ids, best first; an id appears at most once. */
  search(query: RetrievalQuery, k: number): Promise<ScoredId[]>;
}
