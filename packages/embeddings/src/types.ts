import type { Embeddings } from '@langchain/core/embeddings';

/** A LangChain `Embeddings` that also says what it is and how long its vectors are. */
export type TextEmbedder = Embeddings & {
  /** Identifies the vector space: vectors from embedders with different names are not comparable. */
  readonly name: string;
  readonly dimension: number;
};
