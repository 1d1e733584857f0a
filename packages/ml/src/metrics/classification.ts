export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of true examples of the class. */
  support: number;
}

export interface ConfusionMatrix {
  labels: string[];
  /** counts[actual][predicted], indexed like `labels`. */
  counts: number[][];
}

export function accuracy(actual: readonly string[], predicted: readonly string[]): number {
  sameLength(actual, predicted);
  if (actual.length === 0) return 0;
  return actual.filter((label, i) => label === predicted[i]).length / actual.length;
}

/** Labels default to every label seen in either list, sorted. */
export function confusionMatrix(actual: readonly string[], predicted: readonly string[], labels?: readonly string[]): ConfusionMatrix {
  sameLength(actual, predicted);
  const all = labels ? [...labels] : [...new Set([...actual, ...predicted])].sort();
  const index = new Map(all.map((label, i) => [label, i]));
  const counts = all.map(() => new Array<number>(all.length).fill(0));
  actual.forEach((label, i) => {
    const row = index.get(label);
    const column = index.get(predicted[i]!);
    if (row === undefined || column === undefined)
      throw new Error(`label ${row === undefined ? label : predicted[i]} is not in the label list`);
    counts[row]![column]!++;
  });
  return { labels: all, counts };
}

/** Precision, recall and F1 per class; a ratio with a zero denominator counts as 0 (scikit-learn's default). */
export function perClassScores({ labels, counts }: ConfusionMatrix): ClassScores[] {
  return labels.map((label, k) => {
    const truePositives = counts[k]![k]!;
    const support = counts[k]!.reduce((sum, n) => sum + n, 0);
    const predicted = counts.reduce((sum, row) => sum + row[k]!, 0);
    const precision = predicted > 0 ? truePositives / predicted : 0;
    const recall = support > 0 ? truePositives / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
}

/** Unweighted mean F1 over the classes that occur in the true labels. */
export function macroF1(scores: readonly ClassScores[]): number {
  const present = scores.filter((s) => s.support > 0);
  return present.length === 0 ? 0 : present.reduce((sum, s) => sum + s.f1, 0) / present.length;
}

/** The largest off-diagonal cells, most frequent first. */
export function worstConfusions(
  { labels, counts }: ConfusionMatrix,
  limit: number,
): { actual: string; predicted: string; count: number }[] {
  const cells: { actual: string; predicted: string; count: number }[] = [];
  counts.forEach((row, a) => {
    row.forEach((count, p) => {
      if (a !== p && count > 0) cells.push({ actual: labels[a]!, predicted: labels[p]!, count });
    });
  });
  return cells.sort((x, y) => y.count - x.count || x.actual.localeCompare(y.actual)).slice(0, limit);
}

function sameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
}
