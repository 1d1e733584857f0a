import { TfidfVectorizer } from '../features/tfidf.ts';
import type { BinaryHead } from './binary-head.ts';
import { headLogit, sigmoid } from './binary-head.ts';
import { decodeFloats, decodeInts } from './codec.ts';
import type { EscalationInput, FeatureSpace } from './features.ts';
import { columnCount, columnNamer, featureVector } from './features.ts';
import { EscalationState } from './state.ts';
import type { Urgency } from './urgency.ts';
import { URGENCIES } from './urgency.ts';

/** A loaded model: the state decoded once, ready to predict. */
export interface EscalationModel {
  space: FeatureSpace;
  high: BinaryHead;
  low: BinaryHead;
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
    priors: state.priors,
    embedder: state.embedding?.embedder,
  };
};

export const predictEscalation = (model: EscalationModel, input: EscalationInput, topContributions = 5): EscalationPrediction => {
  const x = featureVector(model.space, input);
  const high = sigmoid(headLogit(model.high, x) / model.high.temperature);
  const lowGivenOther = sigmoid(headLogit(model.low, x) / model.low.temperature);
  const probabilities = { high, medium: (1 - high) * (1 - lowGivenOther), low: (1 - high) * lowGivenOther };
  const urgency = URGENCIES.reduce((best, k) => (probabilities[k] / model.priors[k] > probabilities[best] / model.priors[best] ? k : best));
  const name = columnNamer(model.space, input.text);
  const byFeature = new Map<string, number>();
  for (let p = 0; p < x.indices.length; p++) {
    const feature = name(x.indices[p]!);
    const share = (x.values[p]! * model.high.weights[x.indices[p]!]!) / model.high.temperature;
    byFeature.set(feature, (byFeature.get(feature) ?? 0) + share);
  }
  const contributions = [...byFeature]
    .map(([feature, logOdds]) => ({ feature, logOdds }))
    .sort((a, b) => Math.abs(b.logOdds) - Math.abs(a.logOdds))
    .slice(0, topContributions);
  return { probabilities, urgency, contributions };
};
