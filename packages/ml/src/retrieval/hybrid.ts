import { reciprocalRankFusion, standardizedScoreFusion } from './fusion.ts';
import type { RetrievalQuery, Retriever, ScoredId } from './types.ts';

export interface HybridHit extends ScoredId {
  /** The lexical retriever's own score, 0 when it did not return the id. */
  lexicalScore: number;
  /** The dense retriever's own score (cosine), 0 when it did not return the id. */
  denseScore: number;
}

export interface HybridOptions {
  lexical: Retriever;
  dense: Retriever;
  /** Candidates taken from each side before fusing; default 50. */
  depth?: number;
  /** `rrf`: reciprocal-rank fusion, k = 60 (default); `zscore`: per-query standardised score sum. */
  fusion?: 'rrf' | 'zscore';
}

/** Lexical and dense retrieval fused: each wins on different queries (product names vs paraphrases). */
export class HybridRetriever implements Retriever {
  readonly #lexical: Retriever;
  readonly #dense: Retriever;
  readonly #depth: number;
  readonly #fusion: 'rrf' | 'zscore';

  constructor(options: HybridOptions) {
    this.#lexical = options.lexical;
    this.#dense = options.dense;
    this.#depth = options.depth ?? 50;
    this.#fusion = options.fusion ?? 'rrf';
  }

  async search(query: RetrievalQuery, k: number): Promise<HybridHit[]> {
    const depth = Math.max(k, this.#depth);
    const [lexical, dense] = await Promise.all([this.#lexical.search(query, depth), this.#dense.search(query, depth)]);
    const fused = this.#fusion === 'rrf' ? reciprocalRankFusion([lexical, dense]) : standardizedScoreFusion([lexical, dense]);
    const lexicalScores = new Map(lexical.map((hit) => [hit.id, hit.score]));
    const denseScores = new Map(dense.map((hit) => [hit.id, hit.score]));
    return fused.slice(0, k).map((hit) => ({
      ...hit,
      lexicalScore: lexicalScores.get(hit.id) ?? 0,
      denseScore: denseScores.get(hit.id) ?? 0,
    }));
  }
}

/**
 * How strongly the best hit matches, on an absolute scale: the mean of its two raw similarities.
 * Fused scores (ranks, z-scores) are relative to the query and cannot say "nothing here fits".
 */
export function evidenceScore(hit: HybridHit | undefined): number {
  return hit ? (hit.lexicalScore + hit.denseScore) / 2 : 0;
}
