import type { Embeddings } from '@langchain/core/embeddings';

/**
 * Who waits for an embedding. `interactive`: a person, now (a deflection query); `pipeline`: tickets
 * moving through the stages; `bulk`: work measured in minutes (an import, a retraining), which takes
 * what the other two leave.
 */
export type EmbeddingLane = 'interactive' | 'pipeline' | 'bulk';

/** A LangChain `Embeddings` that also says what it is and how long its vectors are. */
export type TextEmbedder = Embeddings & {
  /** Identifies the vector space: vectors from embedders with different names are not comparable. */
  readonly name: string;
  readonly dimension: number;
  /**
   * The same embedder, its calls served in `lane`; absent where calls do not compete for the same
   * cores (hashed n-grams, a hosted model).
   */
  inLane?(lane: EmbeddingLane): TextEmbedder;
};

/** `embedder` with its calls served in `lane`, where it has lanes. */
export const inLane = (embedder: TextEmbedder, lane: EmbeddingLane): TextEmbedder => embedder.inLane?.(lane) ?? embedder;
