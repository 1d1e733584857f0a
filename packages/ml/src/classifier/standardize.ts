import type { DenseMatrix } from '../matrix.ts';
import type { SoftmaxWeights } from '../softmax/softmax.ts';

export interface Standardization {
  mean: Float64Array;
  scale: Float64Array;
}

/**
 * Centres each column and divides by its standard deviation. L-BFGS converges in far fewer
 * iterations on standardised columns, and one gradient tolerance then fits any embedder's scale.
 */
export function standardize(x: DenseMatrix): { matrix: DenseMatrix; standardization: Standardization } {
  const { rows, columns, data } = x;
  const mean = new Float64Array(columns);
  const scale = new Float64Array(columns);
  for (let r = 0; r < rows; r++) for (let j = 0; j < columns; j++) mean[j] = mean[j]! + data[r * columns + j]! / rows;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < columns; j++) scale[j] = scale[j]! + (data[r * columns + j]! - mean[j]!) ** 2 / rows;
  }
  for (let j = 0; j < columns; j++) scale[j] = scale[j]! > 0 ? Math.sqrt(scale[j]!) : 1;
  const standardized = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < columns; j++) standardized[r * columns + j] = (data[r * columns + j]! - mean[j]!) / scale[j]!;
  }
  return { matrix: { rows, columns, data: standardized }, standardization: { mean, scale } };
}

/** Weights for raw inputs equivalent to `weights` on standardised ones: w / scale, bias minus mean . w / scale. */
export function foldStandardization(weights: SoftmaxWeights, { mean, scale }: Standardization): SoftmaxWeights {
  const { columns, classes } = weights;
  const folded = new Float32Array(weights.weights.length);
  const bias = Float64Array.from(weights.bias);
  for (let j = 0; j < columns; j++) {
    for (let k = 0; k < classes; k++) {
      const w = weights.weights[j * classes + k]! / scale[j]!;
      folded[j * classes + k] = w;
      bias[k] = bias[k]! - mean[j]! * w;
    }
  }
  return { columns, classes, weights: folded, bias: Float32Array.from(bias) };
}
