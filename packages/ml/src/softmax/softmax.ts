import type { DenseMatrix, SparseMatrix, SparseVector } from '../matrix.ts';
import type { LbfgsOptions } from './lbfgs.ts';
import { minimizeLbfgs } from './lbfgs.ts';

/** A trained multinomial logistic regression: logits = x W + bias. */
export interface SoftmaxWeights {
  columns: number;
  classes: number;
  /** columns x classes, row-major: the weights of column j are weights[j * classes .. + classes]. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface SoftmaxTrainOptions extends LbfgsOptions {
  /** Inverse L2 strength, as in scikit-learn: larger C, weaker penalty. */
  c: number;
  /** Start from these weights (e.g. the solution for a neighbouring C) instead of zeros. */
  init?: SoftmaxWeights;
}

export interface SoftmaxTrainResult {
  model: SoftmaxWeights;
  iterations: number;
  converged: boolean;
  loss: number;
}

/**
 * Fits the softmax by L-BFGS on the full batch. Minimises mean cross-entropy plus
 * ||W||^2 / (2 C n), scikit-learn's objective scaled by 1/n; the bias is not penalised.
 */
export function trainSoftmax(
  x: SparseMatrix | DenseMatrix,
  labels: Int32Array,
  classes: number,
  options: SoftmaxTrainOptions,
): SoftmaxTrainResult {
  if (labels.length !== x.rows) throw new Error(`${x.rows} rows but ${labels.length} labels`);
  if (!(options.c > 0)) throw new Error(`C must be positive, got ${options.c}`);
  for (const label of labels) {
    if (label < 0 || label >= classes) throw new Error(`label ${label} outside 0..${classes - 1}`);
  }
  const weightCount = x.columns * classes;
  const lambda = 1 / (options.c * x.rows);
  const start = new Float32Array(weightCount + classes);
  if (options.init) {
    start.set(options.init.weights);
    start.set(options.init.bias, weightCount);
  }
  const accumulate = 'rowStart' in x ? sparsePasses(x, classes) : densePasses(x, classes);
  const logits = new Float64Array(classes);

  const objective = (params: Float32Array, gradient: Float32Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let r = 0; r < x.rows; r++) {
      for (let k = 0; k < classes; k++) logits[k] = params[weightCount + k]!;
      accumulate.logits(r, params, logits);
      const label = labels[r]!;
      loss -= logSoftmaxInPlace(logits)[label]!;
      // logits now hold log-probabilities; turn them into the residual (p - onehot) / n.
      for (let k = 0; k < classes; k++) logits[k] = (Math.exp(logits[k]!) - (k === label ? 1 : 0)) / x.rows;
      accumulate.gradient(r, logits, gradient);
      for (let k = 0; k < classes; k++) gradient[weightCount + k] = gradient[weightCount + k]! + logits[k]!;
    }
    let penalty = 0;
    for (let i = 0; i < weightCount; i++) {
      penalty += params[i]! * params[i]!;
      gradient[i] = gradient[i]! + lambda * params[i]!;
    }
    return loss / x.rows + 0.5 * lambda * penalty;
  };

  const result = minimizeLbfgs(objective, start, options);
  return {
    model: {
      columns: x.columns,
      classes,
      weights: result.x.slice(0, weightCount),
      bias: result.x.slice(weightCount),
    },
    iterations: result.iterations,
    converged: result.converged,
    loss: result.value,
  };
}

interface Passes {
  /** Adds row r times W to `out`. */
  logits(row: number, params: Float32Array, out: Float64Array): void;
  /** Adds the outer product of row r and `residual` to the weight gradient. */
  gradient(row: number, residual: Float64Array, gradient: Float32Array): void;
}

function sparsePasses(x: SparseMatrix, classes: number): Passes {
  const { rowStart, indices, values } = x;
  return {
    logits(row, params, out) {
      for (let p = rowStart[row]!; p < rowStart[row + 1]!; p++) {
        const base = indices[p]! * classes;
        const value = values[p]!;
        for (let k = 0; k < classes; k++) out[k] = out[k]! + value * params[base + k]!;
      }
    },
    gradient(row, residual, gradient) {
      for (let p = rowStart[row]!; p < rowStart[row + 1]!; p++) {
        const base = indices[p]! * classes;
        const value = values[p]!;
        for (let k = 0; k < classes; k++) gradient[base + k] = gradient[base + k]! + value * residual[k]!;
      }
    },
  };
}

function densePasses(x: DenseMatrix, classes: number): Passes {
  const { columns, data } = x;
  return {
    logits(row, params, out) {
      const offset = row * columns;
      for (let j = 0; j < columns; j++) {
        const value = data[offset + j]!;
        const base = j * classes;
        for (let k = 0; k < classes; k++) out[k] = out[k]! + value * params[base + k]!;
      }
    },
    gradient(row, residual, gradient) {
      const offset = row * columns;
      for (let j = 0; j < columns; j++) {
        const value = data[offset + j]!;
        const base = j * classes;
        for (let k = 0; k < classes; k++) gradient[base + k] = gradient[base + k]! + value * residual[k]!;
      }
    },
  };
}

/** Class logits for one input: a sparse vector or a dense one of `model.columns` values. */
export function softmaxLogits(model: SoftmaxWeights, input: SparseVector | ArrayLike<number>): Float64Array {
  const { classes, weights } = model;
  const out = Float64Array.from(model.bias);
  if ('indices' in input) {
    for (let p = 0; p < input.indices.length; p++) {
      const base = input.indices[p]! * classes;
      const value = input.values[p]!;
      for (let k = 0; k < classes; k++) out[k] = out[k]! + value * weights[base + k]!;
    }
  } else {
    if (input.length !== model.columns) throw new Error(`expected ${model.columns} values, got ${input.length}`);
    for (let j = 0; j < input.length; j++) {
      const value = input[j]!;
      const base = j * classes;
      for (let k = 0; k < classes; k++) out[k] = out[k]! + value * weights[base + k]!;
    }
  }
  return out;
}

/** Replaces logits by log-probabilities (numerically stable) and returns the same array. */
export function logSoftmaxInPlace(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k++) max = Math.max(max, logits[k]!);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) sum += Math.exp(logits[k]! - max);
  const logSum = max + Math.log(sum);
  for (let k = 0; k < logits.length; k++) logits[k] = logits[k]! - logSum;
  return logits;
}
