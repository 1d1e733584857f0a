import { fitTemperature } from '../classifier/calibration.ts';
import type { SparseMatrix, SparseVector } from '../matrix.ts';
import { selectRows, sparseRow } from '../matrix.ts';
import type { SoftmaxWeights } from '../softmax/softmax.ts';
import { trainSoftmax } from '../softmax/softmax.ts';

/** A logistic regression in log-odds form: P(positive) = sigmoid((x . weights + bias) / temperature). */
export interface BinaryHead {
  weights: Float32Array;
  bias: number;
  /** Inverse L2 strength chosen on the held-out split. */
  c: number;
  temperature: number;
}

export interface BinaryHeadJob {
  x: SparseMatrix;
  positive: readonly boolean[];
  /** Rows that fit each candidate, and rows that choose C and the temperature. */
  split: { train: number[]; holdout: number[] };
  grid: readonly number[];
  maxIterations: number;
}

/** Log-odds of the positive class before temperature scaling. */
export const headLogit = (head: Pick<BinaryHead, 'weights' | 'bias'>, x: SparseVector): number => {
  let logit = head.bias;
  for (let p = 0; p < x.indices.length; p++) logit += x.values[p]! * head.weights[x.indices[p]!]!;
  return logit;
};

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Fits the C path in ascending order on the split's train rows, each fit warm-started from the last,
 * until held-out log-loss rises; keeps the C with the lowest held-out log-loss (a proper score, far
 * steadier than AUROC on a held-out part with a few dozen positives), fits the temperature on its
 * held-out logits, then refits on every row from its weights.
 */
export const fitBinaryHead = (job: BinaryHeadJob): BinaryHead => {
  const { x, positive, split, maxIterations } = job;
  // Class 0 is the positive one, so logit 0 minus logit 1 is its log-odds.
  const labels = Int32Array.from(positive, (p) => (p ? 0 : 1));
  const options = { maxIterations, gradientTolerance: 1e-4 };
  const train = selectRows(x, split.train);
  const trainLabels = Int32Array.from(split.train, (row) => labels[row]!);
  const heldLabels = split.holdout.map((row) => labels[row]!);
  let best: { c: number; init: SoftmaxWeights; logits: number[]; loss: number } | undefined;
  let init: SoftmaxWeights | undefined;
  for (const c of [...job.grid].sort((a, b) => a - b)) {
    init = trainSoftmax(train, trainLabels, 2, { ...options, c, init }).model;
    const head = toHead(init);
    const logits = split.holdout.map((row) => headLogit(head, sparseRow(x, row)));
    const loss = logits.reduce((sum, z, i) => sum + logLoss(z, heldLabels[i] === 0), 0);
    if (best && loss > best.loss) break;
    best = { c, init, logits, loss };
  }
  if (!best) throw new Error('a C grid needs at least one value');
  const temperature = fitTemperature(
    best.logits.map((z) => Float64Array.of(z, 0)),
    heldLabels,
  );
  const final = trainSoftmax(x, labels, 2, { ...options, c: best.c, init: best.init }).model;
  return { ...toHead(final), c: best.c, temperature };
};

const toHead = (model: SoftmaxWeights): Pick<BinaryHead, 'weights' | 'bias'> => {
  const weights = new Float32Array(model.columns);
  for (let j = 0; j < model.columns; j++) weights[j] = model.weights[2 * j]! - model.weights[2 * j + 1]!;
  return { weights, bias: model.bias[0]! - model.bias[1]! };
};

/** -log P(label) for log-odds z, without overflow for large |z|. */
const logLoss = (z: number, positive: boolean): number => {
  const margin = positive ? z : -z;
  return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
};
