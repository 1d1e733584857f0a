import { Embeddings } from '@langchain/core/embeddings';
import { countNgrams, l2Normalize } from '@triage/ml';

export interface HashedNgramOptions {
  /** Vector length; default 384 so it can replace MiniLM without changing the store's schema. */
  dimension?: number;
}

/**
 * Word 1-2 grams and within-word character 2-5 grams, hashed with a sign into a fixed number of
 * buckets, sublinear tf, each block L2-normalised and summed, then L2-normalised. Needs no model
 * and no fitting, so it is deterministic everywhere: the fallback when MiniLM's files are missing.
 */
export class HashedNgramEmbeddings extends Embeddings {
  readonly name: string;
  readonly dimension: number;

  constructor(options: HashedNgramOptions = {}) {
    super({});
    const dimension = options.dimension ?? 384;
    if (!Number.isInteger(dimension) || dimension < 1) throw new Error(`dimension must be a positive integer, got ${dimension}`);
    this.dimension = dimension;
    this.name = `hashed-ngrams-${dimension}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  embed(text: string): number[] {
    const { word, char } = countNgrams(text);
    const vector = new Float64Array(this.dimension);
    for (const block of [word, char]) {
      const part = new Float64Array(this.dimension);
      for (const [hash, count] of block) {
        // The top bit picks the sign so colliding features cancel on average instead of piling up.
        const bucket = hash % this.dimension;
        part[bucket] = part[bucket]! + (hash & 0x80000000 ? -1 : 1) * (1 + Math.log(count));
      }
      l2Normalize(part);
      for (let i = 0; i < this.dimension; i++) vector[i] = vector[i]! + part[i]!;
    }
    l2Normalize(vector);
    return Array.from(vector);
  }
}
