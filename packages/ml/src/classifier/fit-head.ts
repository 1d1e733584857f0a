import type { DenseMatrix, SparseMatrix } from '../matrix.ts';
import { denseRow, selectRows, sparseRow } from '../matrix.ts';
import type { SoftmaxWeights } from '../softmax/softmax.ts';
import { logSoftmaxInPlace, softmaxLogits, trainSoftmax } from '../softmax/softmax.ts';
import { argmax } from './fusion.ts';
import type { HeadReport } from './state.ts';

/** Everything needed to train one head; plain data so it can be posted to a worker thread. */
export interface HeadJob {
  x: SparseMatrix | DenseMatrix;
  grid: number[];
  labels: Int32Array;
  classes: number;
  split: { train: number[]; holdout: number[] };
  maxIterations: number;
  gradientTolerance: number;
}

export interface HeadFit {
  weights: SoftmaxWeights;
  /** Log-probabilities of the held-out rows from the chosen held-out-stage model. */
  heldScores: Float64Array[];
  report: HeadReport;
}

/** Work units of a job (iteration budget of every fit), so progress can be reported as a share. */
export function headJobUnits(job: Pick<HeadJob, 'grid' | 'maxIterations'>): number {
  return (job.grid.length + 1) * job.maxIterations;
}

/**
 * Fits the held-out-stage model for each C in ascending order, each warm-started from the
 * previous one (a regularisation path), until held-out accuracy falls; keeps the C with the best
 * held-out accuracy (ties: lower held-out log-loss), then refits on every row from its weights.
 */
export function fitHead(job: HeadJob, onProgress: (units: number) => void = () => {}): HeadFit {
  const { x, labels, classes, split, maxIterations, gradientTolerance } = job;
  if (job.grid.length === 0) throw new Error('a C grid needs at least one value');
  const grid = [...job.grid].sort((a, b) => a - b);
  const fitOptions = { maxIterations, gradientTolerance, onIteration: () => onProgress(1) };
  const train = selectRows(x, split.train);
  const trainLabels = Int32Array.from(split.train, (row) => labels[row]!);
  const row = (r: number) => ('rowStart' in x ? sparseRow(x, r) : denseRow(x, r));

  let best: { c: number; weights: SoftmaxWeights; scores: Float64Array[]; accuracy: number; loss: number } | undefined;
  let init: SoftmaxWeights | undefined;
  for (const c of grid) {
    const fit = trainSoftmax(train, trainLabels, classes, { ...fitOptions, c, init });
    onProgress(maxIterations - fit.iterations);
    init = fit.model;
    const scores = split.holdout.map((r) => logSoftmaxInPlace(softmaxLogits(fit.model, row(r))));
    const truth = split.holdout.map((r) => labels[r]!);
    const accuracy = mean(scores.map((s, i) => Number(argmax(s) === truth[i])));
    const loss = -mean(scores.map((s, i) => s[truth[i]!]!));
    if (best && accuracy < best.accuracy) {
      // Held-out accuracy rises to one peak along the path and falls after it: stop at the fall.
      onProgress((grid.length - 1 - grid.indexOf(c)) * maxIterations);
      break;
    }
    if (!best || accuracy > best.accuracy || loss < best.loss) best = { c, weights: fit.model, scores, accuracy, loss };
  }
  // Without held-out rows every C scores the same; the middle of the grid is the safe guess.
  const c = split.holdout.length > 0 ? best!.c : grid[Math.floor(grid.length / 2)]!;
  const final = trainSoftmax(x, labels, classes, { ...fitOptions, c, init: best!.weights });
  onProgress(maxIterations - final.iterations);
  return { weights: final.model, heldScores: best!.scores, report: { c, holdoutAccuracy: best!.accuracy, iterations: final.iterations } };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
