import { TfidfVectorizer } from '../features/tfidf.ts';
import type { BinaryHead } from './binary-head.ts';
import { headLogit, sigmoid } from './binary-head.ts';
import { decodeFloats, decodeInts } from './codec.ts';
import type { EscalationInput, FeatureSpace } from './features.ts';
import type { SparseVector } from '../matrix.ts';
import { columnCount, featureVector, wordColumnNames } from './features.ts';
import { EscalationState } from './state.ts';
import type { Urgency } from './urgency.ts';
import { URGENCIES } from './urgency.ts';

/** A loaded model: the state decoded once, ready to predict. */
export interface EscalationModel {
  space: FeatureSpace;
  high: BinaryHead;
  low: BinaryHead;
  tier: BinaryHead | undefined;
  priors: Record<Urgency, number>;
  /** Name of the embedder whose vectors `predictEscalation` expects, if the model uses embeddings. */
  embedder: string | undefined;
}

export interface Contribution {
  /** A word or word pair, `character n-grams`, `sentence embedding`, or a structured feature's name. */
  feature: string;
  /** Its share of the calibrated log-odds of high: positive pushes towards high. */
  logOdds: number;
}

export interface EscalationPrediction {
  /** Calibrated probabilities summing to 1. */
  probabilities: Record<Urgency, number>;
  /** Calibrated P(tier 2 or above), when the model has a tier head. */
  tier2: number | undefined;
  /**
   * The urgency with the highest probability relative to its training share: the balanced
   * decision, which flags a rare high ticket once it is several times likelier than usual.
   */
  urgency: Urgency;
  /** What moved P(high) most, largest effect first. */
  contributions: Contribution[];
}

export const loadEscalation = (json: unknown): EscalationModel => {
  const state = EscalationState.parse(json);
  const space: FeatureSpace = {
    vectorizer: new TfidfVectorizer(state.tfidf.buckets, decodeInts(state.tfidf.features), decodeFloats(state.tfidf.idf)),
    embedding: state.embedding && {
      mean: decodeFloats(state.embedding.mean),
      scale: decodeFloats(state.embedding.scale),
      weight: state.embedding.weight,
    },
    structured: { names: state.structured.names, mean: decodeFloats(state.structured.mean), scale: decodeFloats(state.structured.scale) },
  };
  const decodeHead = ({ weights, ...rest }: EscalationState['heads']['high']): BinaryHead => {
    const head = { ...rest, weights: decodeFloats(weights) };
    if (head.weights.length !== columnCount(space))
      throw new Error(`a head has ${head.weights.length} weights for ${columnCount(space)} columns`);
    return head;
  };
  return {
    space,
    high: decodeHead(state.heads.high),
    low: decodeHead(state.heads.low),
    tier: state.heads.tier && decodeHead(state.heads.tier),
    priors: state.priors,
    embedder: state.embedding?.embedder,
  };
};

export const predictEscalation = (model: EscalationModel, input: EscalationInput, topContributions = 5): EscalationPrediction => {
  const x = featureVector(model.space, input);
  const high = sigmoid(headLogit(model.high, x) / model.high.temperature);
  const lowGivenOther = sigmoid(headLogit(model.low, x) / model.low.temperature);
  const probabilities = { high, medium: (1 - high) * (1 - lowGivenOther), low: (1 - high) * lowGivenOther };
  const tier2 = model.tier && sigmoid(headLogit(model.tier, x) / model.tier.temperature);
  const urgency = URGENCIES.reduce((best, k) => (probabilities[k] / model.priors[k] > probabilities[best] / model.priors[best] ? k : best));
  const contributions = topContributionsOf(model, x, input.text, topContributions);
  return { probabilities, tier2, urgency, contributions };
};

/**
 * What moved P(high) most: each word or word pair, the character n-grams together, the embedding
 * together and each structured feature. Blocks are summed by column range and only the winning
 * word columns are named, so explaining a prediction costs little beside making it.
 */
const topContributionsOf = (model: EscalationModel, x: SparseVector, text: string, top: number): Contribution[] => {
  const { space, high } = model;
  const charStart = lowerBound(space.vectorizer.features, space.vectorizer.buckets);
  const embeddingStart = space.vectorizer.dimension;
  const structuredStart = embeddingStart + (space.embedding?.mean.length ?? 0);
  let characters = 0;
  let embedding = 0;
  // The largest shares so far, largest effect first; a column, or a block by its name.
  const best: { column: number; feature: string | undefined; logOdds: number }[] = [];
  const offer = (column: number, feature: string | undefined, logOdds: number) => {
    if (best.length === top && Math.abs(logOdds) <= Math.abs(best[top - 1]!.logOdds)) return;
    let at = best.length;
    while (at > 0 && Math.abs(best[at - 1]!.logOdds) < Math.abs(logOdds)) at--;
    best.splice(at, 0, { column, feature, logOdds });
    if (best.length > top) best.pop();
  };
  for (let p = 0; p < x.indices.length; p++) {
    const column = x.indices[p]!;
    const share = (x.values[p]! * high.weights[column]!) / high.temperature;
    if (column < charStart) offer(column, undefined, share);
    else if (column < embeddingStart) characters += share;
    else if (column < structuredStart) embedding += share;
    else offer(column, space.structured.names[column - structuredStart], share);
  }
  if (charStart < embeddingStart) offer(-1, 'character n-grams', characters);
  if (space.embedding) offer(-1, 'sentence embedding', embedding);
  const words = best.filter((b) => b.feature === undefined).map((b) => b.column);
  const names = words.length > 0 ? wordColumnNames(space, text, words) : undefined;
  return best.map((b) => ({ feature: b.feature ?? names?.get(b.column) ?? 'word n-gram', logOdds: b.logOdds }));
};

/** The first index whose value is at least `value` in an ascending array. */
const lowerBound = (sorted: Int32Array, value: number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
};
