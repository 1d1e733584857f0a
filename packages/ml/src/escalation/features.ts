import { fnv1a } from '../features/hash.ts';
import { WORD_SEED, words } from '../features/ngrams.ts';
import type { TfidfVectorizer } from '../features/tfidf.ts';
import type { SparseVector } from '../matrix.ts';
import type { StructuredFeatures } from './structured.ts';

/** Column mean and standard deviation of a dense block, from the training examples. */
export interface ColumnScaling {
  mean: Float32Array;
  scale: Float32Array;
}

/**
 * The columns both heads read, side by side: TF-IDF word and character n-grams (each block of unit
 * length), the standardised sentence embedding scaled to length about `embeddingWeight`, then the
 * standardised structured features. One linear model over all of them lets an n-gram, the
 * embedding and a structured fact trade off against each other under one penalty.
 */
export interface FeatureSpace {
  vectorizer: TfidfVectorizer;
  embedding: (ColumnScaling & { weight: number }) | undefined;
  structured: ColumnScaling & { names: string[] };
}

export interface EscalationInput {
  text: string;
  /** The ticket's sentence embedding, from the embedder the model was fitted with; required when it has one. */
  embedding?: ArrayLike<number> | undefined;
  structured?: StructuredFeatures | undefined;
}

export const columnCount = (space: FeatureSpace): number =>
  space.vectorizer.dimension + (space.embedding?.mean.length ?? 0) + space.structured.names.length;

export const featureVector = (space: FeatureSpace, input: EscalationInput): SparseVector => {
  const text = space.vectorizer.transform(input.text);
  const { names, mean, scale } = space.structured;
  const embeddingLength = space.embedding?.mean.length ?? 0;
  // Written in place into arrays of the largest size, then cut: the vector is built once per ticket.
  const indices = new Int32Array(text.indices.length + embeddingLength + names.length);
  const values = new Float32Array(indices.length);
  indices.set(text.indices);
  values.set(text.values);
  let used = text.indices.length;
  let offset = space.vectorizer.dimension;
  if (space.embedding) {
    const { weight } = space.embedding;
    if (!input.embedding) throw new Error('this escalation model needs the ticket embedding');
    if (input.embedding.length !== embeddingLength)
      throw new Error(`expected an embedding of ${embeddingLength} values, got ${input.embedding.length}`);
    // Standardised columns have length about sqrt(dimension); this brings the block to about `weight`.
    const norm = weight / Math.sqrt(embeddingLength);
    for (let j = 0; j < embeddingLength; j++) {
      indices[used] = offset + j;
      values[used++] = ((input.embedding[j]! - space.embedding.mean[j]!) / space.embedding.scale[j]!) * norm;
    }
    offset += embeddingLength;
  }
  names.forEach((name, j) => {
    const value = input.structured?.[name];
    if (value === undefined) return;
    if (!Number.isFinite(value)) throw new Error(`structured feature ${name} is not a finite number: ${value}`);
    indices[used] = offset + j;
    values[used++] = (value - mean[j]!) / scale[j]!;
  });
  return { indices: indices.subarray(0, used), values: values.subarray(0, used) };
};

/** Mean and standard deviation per column over the rows that have a value (a constant column gets scale 1). */
export const columnScaling = (rows: readonly (readonly (number | undefined)[])[], columns: number): ColumnScaling => {
  const mean = new Float32Array(columns);
  const scale = new Float32Array(columns);
  for (let j = 0; j < columns; j++) {
    const present = rows.map((row) => row[j]).filter((value): value is number => value !== undefined);
    const m = present.reduce((sum, v) => sum + v, 0) / Math.max(1, present.length);
    const variance = present.reduce((sum, v) => sum + (v - m) ** 2, 0) / Math.max(1, present.length);
    mean[j] = m;
    // Rounding leaves a constant column a variance of about 1e-32, not 0: dividing by its root
    // would blow rounding noise up to millions. Below a millionth of the values' size it is constant.
    const deviation = Math.sqrt(variance);
    scale[j] = deviation > 1e-6 * Math.max(1, Math.abs(m)) ? deviation : 1;
  }
  return { mean, scale };
};

/**
 * The word or word pair behind each of the text's word n-gram `columns` (hash collisions share a
 * column; the text's own term names it), found in one pass over its words that stops once each
 * has its name.
 */
export const wordColumnNames = (space: FeatureSpace, text: string, columns: readonly number[]): Map<number, string> => {
  const { vectorizer } = space;
  const wanted = new Set(columns);
  const names = new Map<number, string>();
  const tokens = words(text);
  for (let t = 0; t < tokens.length && names.size < wanted.size; t++) {
    for (const term of t > 0 ? [tokens[t]!, `${tokens[t - 1]} ${tokens[t]}`] : [tokens[t]!]) {
      const column = columnOfFeature(vectorizer.features, fnv1a(term, WORD_SEED) % vectorizer.buckets);
      if (wanted.has(column) && !names.has(column)) names.set(column, `word "${term}"`);
    }
  }
  return names;
};

/** Binary search: the vectorizer's features are ascending. -1 when the feature was not seen in training. */
const columnOfFeature = (features: Int32Array, feature: number): number => {
  let low = 0;
  let high = features.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (features[middle]! === feature) return middle;
    if (features[middle]! < feature) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
};
