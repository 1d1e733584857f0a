import { rowsByLabel, seededRandom, shuffle } from './random.ts';

/**
 * Assigns each row to one of k folds, stratified by label: each label's rows are shuffled (seeded)
 * and dealt round-robin, so every fold holds about 1/k of every label.
 */
export const stratifiedFolds = (labels: ArrayLike<number>, k: number, seed: number): Int32Array => {
  if (!(Number.isInteger(k) && k >= 2)) throw new Error(`need at least 2 folds, got ${k}`);
  const random = seededRandom(seed);
  const byLabel = rowsByLabel(labels);
  const fold = new Int32Array(labels.length);
  // Each label continues the deal where the previous one stopped, so fold sizes differ by at most one.
  let next = 0;
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    for (const row of shuffle(byLabel.get(label)!, random)) fold[row] = next++ % k;
  }
  return fold;
};
