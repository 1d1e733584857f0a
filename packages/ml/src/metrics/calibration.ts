export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean confidence of the predictions in the bin (0 when empty). */
  confidence: number;
  /** Share of them that were right (0 when empty). */
  accuracy: number;
}

/**
 * Reliability diagram and expected calibration error: equal-width confidence bins, ECE the
 * count-weighted mean of |accuracy - confidence| over the bins.
 */
export function reliability(
  confidences: readonly number[],
  correct: readonly boolean[],
  bins = 15,
): { ece: number; bins: ReliabilityBin[] } {
  sameLength(confidences, correct);
  const count = new Array<number>(bins).fill(0);
  const confidenceSum = new Array<number>(bins).fill(0);
  const rightSum = new Array<number>(bins).fill(0);
  confidences.forEach((confidence, i) => {
    // Bins are (lower, upper], as in Guo et al.; a confidence of 0 joins the first bin.
    const bin = Math.min(bins - 1, Math.max(0, Math.ceil(confidence * bins) - 1));
    count[bin]!++;
    confidenceSum[bin]! += confidence;
    if (correct[i]) rightSum[bin]!++;
  });
  let ece = 0;
  const result = count.map((n, b) => {
    const confidence = n > 0 ? confidenceSum[b]! / n : 0;
    const accuracy = n > 0 ? rightSum[b]! / n : 0;
    ece += (n / Math.max(1, confidences.length)) * Math.abs(accuracy - confidence);
    return { lower: b / bins, upper: (b + 1) / bins, count: n, confidence, accuracy };
  });
  return { ece, bins: result };
}

export interface CoveragePoint {
  /** Share of predictions kept. */
  coverage: number;
  /** Accuracy of the kept predictions. */
  accuracy: number;
  /** Lowest confidence kept. */
  threshold: number;
}

/** Accuracy when keeping only the most confident predictions, at every distinct confidence cut. */
export function coverageCurve(confidences: readonly number[], correct: readonly boolean[]): CoveragePoint[] {
  sameLength(confidences, correct);
  const order = confidences.map((_, i) => i).sort((a, b) => confidences[b]! - confidences[a]!);
  const points: CoveragePoint[] = [];
  let right = 0;
  order.forEach((row, kept) => {
    if (correct[row]) right++;
    const next = order[kept + 1];
    if (next === undefined || confidences[next]! < confidences[row]!) {
      points.push({ coverage: (kept + 1) / order.length, accuracy: right / (kept + 1), threshold: confidences[row]! });
    }
  });
  return points;
}

/** Accuracy of the most confident `coverage` share of predictions (ties at the cut kept whole). */
export function accuracyAtCoverage(curve: readonly CoveragePoint[], coverage: number): number {
  const point = curve.find((p) => p.coverage >= coverage - 1e-12) ?? curve.at(-1);
  return point?.accuracy ?? 0;
}

function sameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
}
