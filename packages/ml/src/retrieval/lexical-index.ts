import { TfidfVectorizer } from '../features/tfidf.ts';
import type { SparseVector } from '../matrix.ts';
import { bestPerId } from './top-k.ts';
import type { RetrievalQuery, Retriever, ScoredId } from './types.ts';

interface Postings {
  entries: Int32Array;
  weights: Float64Array;
}

/**
 * Cosine similarity over the classifier's TF-IDF features (word 1-2 grams, character 2-5 grams).
 * idf is refitted over all entries by `prepare()` or, failing that, by the first search after an
 * add. Several entries may share an id; an id scores as its best entry.
 */
export class LexicalIndex implements Retriever {
  readonly #ids: string[] = [];
  readonly #texts: string[] = [];
  #built: { vectorizer: TfidfVectorizer; postings: Map<number, Postings> } | undefined;

  get size(): number {
    return this.#ids.length;
  }

  /** Whether idf and postings cover every entry added so far. */
  get ready(): boolean {
    return this.#built !== undefined;
  }

  /** Fits idf and builds the postings now: about a second on a real knowledge base, which a search would otherwise wait for. */
  prepare(): void {
    this.#built ??= this.#build();
  }

  add(id: string, text: string): void {
    this.#ids.push(id);
    this.#texts.push(text);
    this.#built = undefined;
  }

  async search(query: Pick<RetrievalQuery, 'text'>, k: number): Promise<ScoredId[]> {
    if (this.#ids.length === 0) return [];
    this.#built ??= this.#build();
    const { vectorizer, postings } = this.#built;
    const q = vectorizer.transform(query.text);
    const scores = new Float64Array(this.#ids.length);
    for (let p = 0; p < q.indices.length; p++) {
      const list = postings.get(q.indices[p]!);
      if (!list) continue;
      const { entries, weights } = list;
      const value = q.values[p]!;
      for (let i = 0; i < entries.length; i++) scores[entries[i]!] = scores[entries[i]!]! + value * weights[i]!;
    }
    const queryNorm = norm(q);
    if (queryNorm > 0) for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! / queryNorm;
    return bestPerId(this.#ids, scores, k);
  }

  #build() {
    const vectorizer = TfidfVectorizer.fit(this.#texts);
    const growing = new Map<number, { entries: number[]; weights: number[] }>();
    this.#texts.forEach((text, entry) => {
      const vector = vectorizer.transform(text);
      // Entries are stored unit-length, so dividing by the query's norm gives the cosine.
      const length = norm(vector) || 1;
      for (let p = 0; p < vector.indices.length; p++) {
        let list = growing.get(vector.indices[p]!);
        if (!list) {
          list = { entries: [], weights: [] };
          growing.set(vector.indices[p]!, list);
        }
        list.entries.push(entry);
        list.weights.push(vector.values[p]! / length);
      }
    });
    // Character n-grams give long lists for common features; typed arrays keep a query's scan a tight loop.
    const postings = new Map<number, Postings>();
    for (const [feature, list] of growing)
      postings.set(feature, { entries: Int32Array.from(list.entries), weights: Float64Array.from(list.weights) });
    return { vectorizer, postings };
  }
}

function norm(vector: SparseVector): number {
  let sum = 0;
  for (const value of vector.values) sum += value * value;
  return Math.sqrt(sum);
}
