import type { SparseVector } from '../matrix.ts';
import { l2Normalize } from '../matrix.ts';
import { countNgrams } from './ngrams.ts';

/** Hash buckets per block (word n-grams, character n-grams): 2^21 hashed features in total. */
export const DEFAULT_BUCKETS = 1 << 20;

/**
 * TF-IDF over hashed word 1-2 grams and within-word character 2-5 grams: sublinear tf, smoothed
 * idf, each block L2-normalised, the two blocks side by side. Only features seen while fitting get
 * a column, so models trained on these vectors stay as small as the training vocabulary.
 */
export class TfidfVectorizer {
  readonly buckets: number;
  /** Hashed feature id (block offset + bucket) of each column, ascending. */
  readonly features: Int32Array;
  readonly idf: Float32Array;
  readonly #columnOf: Map<number, number>;

  constructor(buckets: number, features: Int32Array, idf: Float32Array) {
    if (features.length !== idf.length) throw new Error('features and idf differ in length');
    this.buckets = buckets;
    this.features = features;
    this.idf = idf;
    this.#columnOf = new Map(Array.from(features, (feature, column) => [feature, column]));
  }

  static fit(texts: readonly string[], buckets: number = DEFAULT_BUCKETS): TfidfVectorizer {
    const documentFrequency = new Map<number, number>();
    for (const text of texts) {
      for (const feature of hashedTermFrequencies(text, buckets).keys()) {
        documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
      }
    }
    const features = Int32Array.from(documentFrequency.keys()).sort();
    const idf = Float32Array.from(features, (f) => Math.log((1 + texts.length) / (1 + documentFrequency.get(f)!)) + 1);
    return new TfidfVectorizer(buckets, features, idf);
  }

  /** Number of columns: the features seen while fitting. */
  get dimension(): number {
    return this.features.length;
  }

  transform(text: string): SparseVector {
    const wordIndices: number[] = [];
    const wordValues: number[] = [];
    const charIndices: number[] = [];
    const charValues: number[] = [];
    for (const [feature, count] of hashedTermFrequencies(text, this.buckets)) {
      const column = this.#columnOf.get(feature);
      if (column === undefined) continue;
      const weight = (1 + Math.log(count)) * this.idf[column]!;
      if (feature < this.buckets) {
        wordIndices.push(column);
        wordValues.push(weight);
      } else {
        charIndices.push(column);
        charValues.push(weight);
      }
    }
    l2Normalize(wordValues);
    l2Normalize(charValues);
    return {
      indices: Int32Array.from([...wordIndices, ...charIndices]),
      values: Float32Array.from([...wordValues, ...charValues]),
    };
  }
}

/** Raw counts per hashed feature: words in [0, buckets), characters in [buckets, 2 * buckets). */
function hashedTermFrequencies(text: string, buckets: number): Map<number, number> {
  const { word, char } = countNgrams(text);
  const counts = new Map<number, number>();
  for (const [hash, count] of word) add(counts, hash % buckets, count);
  for (const [hash, count] of char) add(counts, buckets + (hash % buckets), count);
  return counts;
}

function add(counts: Map<number, number>, key: number, count: number): void {
  counts.set(key, (counts.get(key) ?? 0) + count);
}
