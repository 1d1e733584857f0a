import { TfidfVectorizer } from '../features/tfidf.ts';
import { type SparseVector, toSparseMatrix } from '../matrix.ts';
import { stratifiedSplit } from '../random.ts';
import type { BinaryHead } from './binary-head.ts';
import { fitBinaryHead } from './binary-head.ts';
import { encodeFloats, encodeInts } from './codec.ts';
import type { EscalationInput, FeatureSpace } from './features.ts';
import { columnCount, columnScaling, featureVector } from './features.ts';
import type { EscalationState } from './state.ts';
import { structuredNames } from './structured.ts';
import type { Urgency } from './urgency.ts';
import { URGENCIES } from './urgency.ts';

export interface EscalationExample extends EscalationInput {
  urgency: Urgency;
  /** Whether tier 2 or above resolved it, when the outcome says which tier did. */
  needsTier2?: boolean | undefined;
}

/** Fewest examples of each tier outcome the tier head is fitted from; below it the model has none. */
export const MIN_TIER_EXAMPLES = 10;

export interface EscalationFitOptions {
  /** Name of the embedder that produced the examples' embeddings; required when they have them. */
  embedder?: string | undefined;
  /**
   * Length of the embedding block relative to each TF-IDF block (both unit length); default 0.5.
   * On 5-fold cross-validation of Hadoop Jira reports 0.5 ranked high tickets best of 0.5, 1 and 2:
   * the sentence embedding adds to the n-grams but is the weaker signal alone.
   */
  embeddingWeight?: number;
  /** Candidate C values for both heads; default 0.3, 1, 3. */
  grid?: number[];
  /** Share of the examples held out to choose C and the temperatures; default 0.2. */
  holdoutFraction?: number;
  seed?: number;
  /** L-BFGS iterations per fit; default 100. */
  maxIterations?: number;
}

/**
 * Fits the escalation model: TF-IDF n-grams, the sentence embedding (when the examples have one)
 * and structured features in one sparse row per ticket; one logistic head for high against the
 * rest and one for low against medium among the others. A high-vs-rest head ranks high tickets
 * better than a three-way softmax, whose P(high) is pulled around by the noisy medium/low boundary.
 * A stratified held-out part of the examples picks each head's C and temperature; the heads are
 * then refitted on every example.
 */
export const fitEscalation = (examples: readonly EscalationExample[], options: EscalationFitOptions = {}): EscalationState => {
  const started = performance.now();
  const counts = URGENCIES.map((urgency) => examples.filter((example) => example.urgency === urgency).length);
  if (counts.some((count) => count < 2))
    throw new Error(`need at least two examples of each urgency, got ${counts.join('/')} high/medium/low`);
  const withEmbedding = examples.filter((example) => example.embedding !== undefined).length;
  if (withEmbedding !== 0 && withEmbedding !== examples.length) throw new Error('either every example has an embedding or none has');
  if (withEmbedding > 0 && !options.embedder) throw new Error('options.embedder (the embedder name) is required with embeddings');

  const names = structuredNames(examples.map((example) => example.structured));
  const space: FeatureSpace = {
    // idf uses no labels, so fitting it on every example (held-out ones included) leaks nothing.
    vectorizer: TfidfVectorizer.fit(examples.map((example) => example.text)),
    embedding:
      withEmbedding > 0
        ? {
            ...columnScaling(
              examples.map((example) => Array.from(example.embedding!)),
              examples[0]!.embedding!.length,
            ),
            weight: options.embeddingWeight ?? 0.5,
          }
        : undefined,
    structured: {
      names,
      ...columnScaling(
        examples.map((example) => names.map((name) => example.structured?.[name])),
        names.length,
      ),
    },
  };
  const rows = examples.map((example) => featureVector(space, example));
  const urgency = Int32Array.from(examples, (example) => URGENCIES.indexOf(example.urgency));
  const split = stratifiedSplit(urgency, options.holdoutFraction ?? 0.2, options.seed ?? 1);
  const settings = { grid: options.grid ?? [0.3, 1, 3], maxIterations: options.maxIterations ?? 100 };
  const columns = columnCount(space);
  const high = fitBinaryHead({
    ...settings,
    x: toSparseMatrix(rows, columns),
    positive: examples.map((example) => example.urgency === 'high'),
    split,
  });
  // The low head sees only the rows that are not high, renumbered; the split follows them.
  const others = examples.flatMap((example, row) => (example.urgency === 'high' ? [] : [row]));
  const renumber = new Map(others.map((row, i) => [row, i]));
  const low = fitBinaryHead({
    ...settings,
    x: toSparseMatrix(
      others.map((row) => rows[row]!),
      columns,
    ),
    positive: others.map((row) => examples[row]!.urgency === 'low'),
    split: {
      train: split.train.flatMap((row) => (renumber.has(row) ? [renumber.get(row)!] : [])),
      holdout: split.holdout.flatMap((row) => (renumber.has(row) ? [renumber.get(row)!] : [])),
    },
  });
  const tier = fitTierHead(examples, rows, columns, settings, options);
  const [highShare, mediumShare, lowShare] = counts.map((count) => count / examples.length);
  return {
    format: 'escalation',
    version: 1,
    tfidf: { buckets: space.vectorizer.buckets, features: encodeInts(space.vectorizer.features), idf: encodeFloats(space.vectorizer.idf) },
    embedding: space.embedding && {
      embedder: options.embedder!,
      weight: space.embedding.weight,
      mean: encodeFloats(space.embedding.mean),
      scale: encodeFloats(space.embedding.scale),
    },
    structured: { names, mean: encodeFloats(space.structured.mean), scale: encodeFloats(space.structured.scale) },
    heads: { high: encodeHead(high), low: encodeHead(low), ...(tier && { tier: encodeHead(tier) }) },
    priors: { high: highShare!, medium: mediumShare!, low: lowShare! },
    report: { examples: examples.length, holdoutExamples: split.holdout.length, trainSeconds: (performance.now() - started) / 1000 },
  };
};

const encodeHead = ({ weights, ...rest }: BinaryHead) => ({ weights: encodeFloats(weights), ...rest });

/**
 * P(tier 2 or above) from the examples whose outcome names the resolving tier, on the same columns;
 * none when either side has fewer than MIN_TIER_EXAMPLES of them.
 */
const fitTierHead = (
  examples: readonly EscalationExample[],
  rows: readonly SparseVector[],
  columns: number,
  settings: { grid: number[]; maxIterations: number },
  options: EscalationFitOptions,
): BinaryHead | undefined => {
  const labeled = examples.flatMap((example, row) => (example.needsTier2 === undefined ? [] : [row]));
  const positive = labeled.map((row) => examples[row]!.needsTier2 === true);
  const positives = positive.filter(Boolean).length;
  if (Math.min(positives, positive.length - positives) < MIN_TIER_EXAMPLES) return undefined;
  return fitBinaryHead({
    ...settings,
    x: toSparseMatrix(
      labeled.map((row) => rows[row]!),
      columns,
    ),
    positive,
    split: stratifiedSplit(Int32Array.from(positive, Number), options.holdoutFraction ?? 0.2, (options.seed ?? 1) + 1),
  });
};
