import { describe, expect, it } from 'vitest';
import { logSoftmaxInPlace, minimizeLbfgs, softmaxLogits, toDenseMatrix, toSparseMatrix, trainSoftmax } from '@triage/ml';
import type { SparseVector } from '@triage/ml';

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const result = minimizeLbfgs(
      (x, gradient) => {
        const [a, b] = [x[0]!, x[1]!];
        gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        gradient[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float32Array.from([-1.2, 1]),
      { maxIterations: 500, gradientTolerance: 1e-4 },
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 2);
    expect(result.x[1]).toBeCloseTo(1, 2);
  });

  it('reports every iteration', () => {
    const seen: number[] = [];
    minimizeLbfgs(
      (x, g) => {
        g[0] = 2 * (x[0]! - 3);
        return (x[0]! - 3) ** 2;
      },
      Float32Array.from([0]),
      { onIteration: (i) => seen.push(i) },
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual(seen.map((_, i) => i + 1));
  });
});

describe('trainSoftmax', () => {
  // Three classes, each marked by its own feature plus a shared noise feature.
  const rows = [
    [1, 0, 0, 0.5],
    [0.9, 0.1, 0, 0.2],
    [0, 1, 0, 0.5],
    [0.1, 0.8, 0, 0.1],
    [0, 0, 1, 0.5],
    [0, 0.2, 0.9, 0.3],
  ];
  const labels = Int32Array.from([0, 0, 1, 1, 2, 2]);
  const sparseRows: SparseVector[] = rows.map((row) => {
    const indices = row.flatMap((v, j) => (v !== 0 ? [j] : []));
    return { indices: Int32Array.from(indices), values: Float32Array.from(indices.map((j) => row[j]!)) };
  });

  it('learns separable classes', () => {
    const { model } = trainSoftmax(toDenseMatrix(rows, 4), labels, 3, { c: 10 });
    rows.forEach((row, i) => {
      const logits = softmaxLogits(model, row);
      expect(logits.indexOf(Math.max(...logits))).toBe(labels[i]);
    });
  });

  it('reaches the same optimum from sparse and dense copies of the data', () => {
    const options = { c: 1, maxIterations: 300, gradientTolerance: 1e-6 };
    const dense = trainSoftmax(toDenseMatrix(rows, 4), labels, 3, options).model;
    const sparse = trainSoftmax(toSparseMatrix(sparseRows, 4), labels, 3, options).model;
    for (let i = 0; i < dense.weights.length; i++) expect(sparse.weights[i]).toBeCloseTo(dense.weights[i]!, 3);
    for (let k = 0; k < 3; k++) expect(sparse.bias[k]).toBeCloseTo(dense.bias[k]!, 3);
  });

  it('shrinks weights as C falls', () => {
    const size = (c: number) => trainSoftmax(toDenseMatrix(rows, 4), labels, 3, { c }).model.weights.reduce((s, w) => s + w * w, 0);
    expect(size(0.01)).toBeLessThan(size(1));
  });

  it('matches the analytic gradient at the optimum (zero), checked by finite differences of the loss', () => {
    const c = 0.5;
    const { model } = trainSoftmax(toDenseMatrix(rows, 4), labels, 3, { c, maxIterations: 500, gradientTolerance: 1e-7 });
    const loss = (weights: Float32Array) => {
      let total = 0;
      rows.forEach((row, i) => {
        total -= logSoftmaxInPlace(softmaxLogits({ ...model, weights }, row))[labels[i]!]!;
      });
      const penalty = weights.reduce((s, w) => s + w * w, 0);
      return total / rows.length + penalty / (2 * c * rows.length);
    };
    const h = 1e-2;
    for (const index of [0, 5, 11]) {
      const up = Float32Array.from(model.weights);
      const down = Float32Array.from(model.weights);
      up[index]! += h;
      down[index]! -= h;
      expect(Math.abs((loss(up) - loss(down)) / (2 * h))).toBeLessThan(1e-3);
    }
  });

  it('rejects labels outside the class range', () => {
    expect(() => trainSoftmax(toDenseMatrix(rows, 4), Int32Array.from([0, 0, 1, 1, 2, 3]), 3, { c: 1 })).toThrow(/label 3/);
  });
});
