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
  const indices = Array.from(text.indices);
  const values = Array.from(text.values);
  let offset = space.vectorizer.dimension;
  if (space.embedding) {
    const { mean, scale, weight } = space.embedding;
    if (!input.embedding) throw new Error('this escalation model needs the ticket embedding');
    if (input.embedding.length !== mean.length)
      throw new Error(`expected an embedding of ${mean.length} values, got ${input.embedding.length}`);
    // Standardised columns have length about sqrt(dimension); this brings the block to about `weight`.
    const norm = weight / Math.sqrt(mean.length);
    for (let j = 0; j < mean.length; j++) {
      indices.push(offset + j);
      values.push(((input.embedding[j]! - mean[j]!) / scale[j]!) * norm);
    }
    offset += mean.length;
  }
  const { names, mean, scale } = space.structured;
  names.forEach((name, j) => {
    const value = input.structured?.[name];
    if (value === undefined) return;
    if (!Number.isFinite(value)) throw new Error(`structured feature ${name} is not a finite number: ${value}`);
    indices.push(offset + j);
    values.push((value - mean[j]!) / scale[j]!);
  });
  return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
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
    scale[j] = variance > 0 ? Math.sqrt(variance) : 1;
  }
  return { mean, scale };
};

/**
 * A readable name for each column of the text's feature vector where one exists: the word or word
 * pair for word n-grams (hash collisions share a column; the text's own term names it), else the
 * block the column belongs to.
 */
export const columnNamer = (space: FeatureSpace, text: string): ((column: number) => string) => {
  const { vectorizer } = space;
  const termOf = new Map<number, string>();
  const tokens = words(text);
  tokens.forEach((token, t) => {
    for (const term of t > 0 ? [token, `${tokens[t - 1]} ${token}`] : [token]) {
      const column = columnOfFeature(vectorizer.features, fnv1a(term, WORD_SEED) % vectorizer.buckets);
      if (column >= 0 && !termOf.has(column)) termOf.set(column, term);
    }
  });
  const embeddingEnd = vectorizer.dimension + (space.embedding?.mean.length ?? 0);
  return (column) => {
    if (column < vectorizer.dimension) return termOf.has(column) ? `word "${termOf.get(column)}"` : 'character n-grams';
    if (column < embeddingEnd) return 'sentence embedding';
    return space.structured.names[column - embeddingEnd]!;
  };
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
