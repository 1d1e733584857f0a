import { bestPerId } from './top-k.ts';
import type { RetrievalQuery, Retriever, ScoredId } from './types.ts';

/** Brute-force cosine search over vectors kept in memory; for evaluation and small knowledge bases. */
export class DenseIndex implements Retriever {
  readonly dimension: number;
  readonly #ids: string[] = [];
  #vectors: Float32Array;

  constructor(dimension: number) {
    this.dimension = dimension;
    this.#vectors = new Float32Array(dimension * 64);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Several vectors may share an id (an article's chunks); the id then scores as its best vector. */
  add(id: string, vector: ArrayLike<number>): void {
    const unit = unitVector(vector, this.dimension);
    const offset = this.#ids.length * this.dimension;
    if (offset + this.dimension > this.#vectors.length) {
      const grown = new Float32Array(this.#vectors.length * 2);
      grown.set(this.#vectors);
      this.#vectors = grown;
    }
    this.#vectors.set(unit, offset);
    this.#ids.push(id);
  }

  async search(query: Pick<RetrievalQuery, 'embedding'>, k: number): Promise<ScoredId[]> {
    const q = unitVector(query.embedding, this.dimension);
    const scores = new Float64Array(this.#ids.length);
    for (let i = 0; i < this.#ids.length; i++) {
      let dot = 0;
      const offset = i * this.dimension;
      for (let d = 0; d < this.dimension; d++) dot += q[d]! * this.#vectors[offset + d]!;
      scores[i] = dot;
    }
    return bestPerId(this.#ids, scores, k);
  }
}

function unitVector(vector: ArrayLike<number>, dimension: number): Float32Array {
  if (vector.length !== dimension) throw new Error(`expected a ${dimension}-dim vector, got ${vector.length}`);
  const unit = Float32Array.from(vector);
  let sum = 0;
  for (const value of unit) sum += value * value;
  if (sum > 0) for (let d = 0; d < dimension; d++) unit[d] = unit[d]! / Math.sqrt(sum);
  return unit;
}
