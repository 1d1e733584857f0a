import { coverageCurve } from '../metrics/calibration.ts';
import { logSoftmaxInPlace } from '../softmax/softmax.ts';

/** A threshold no probability reaches. */
const NEVER = 2;

/**
 * Weight of a prior pulling log T towards 0 (no rescaling), in nats. A few held-out rows, all
 * classified right, would otherwise drive T to its floor and make every prediction near-certain;
 * against hundreds of rows it is negligible.
 */
const PRIOR_WEIGHT = 1;

/**
 * The temperature T minimising the negative log-likelihood of softmax(scores / T) on held-out rows
 * (Guo et al. 2017), with a weak prior on log T. Golden-section search over log T in [1/20, 20];
 * the objective is unimodal in T.
 */
export function fitTemperature(scores: readonly Float64Array[], labels: ArrayLike<number>): number {
  if (scores.length === 0) return 1;
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let total = PRIOR_WEIGHT * logT * logT;
    const scaled = new Float64Array(scores[0]!.length);
    scores.forEach((row, i) => {
      for (let k = 0; k < row.length; k++) scaled[k] = row[k]! / t;
      total -= logSoftmaxInPlace(scaled)[labels[i]!]!;
    });
    return total;
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(1 / 20);
  let high = Math.log(20);
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = nll(a);
  let fb = nll(b);
  while (high - low > 1e-4) {
    if (fa < fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = nll(a);
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = nll(b);
    }
  }
  return Math.exp((low + high) / 2);
}

/**
 * The lowest confidence threshold at which the answers kept (confidence >= threshold) are at least
 * `targetPrecision` correct on held-out rows: the most coverage the target allows. 0 when even
 * answering everything meets it; 2, above any probability (always abstain), when nothing does.
 */
export function thresholdForPrecision(confidences: readonly number[], correct: readonly boolean[], targetPrecision: number): number {
  if (!(targetPrecision > 0 && targetPrecision <= 1)) throw new Error(`target precision must be in (0, 1], got ${targetPrecision}`);
  const best = coverageCurve(confidences, correct).findLast((point) => point.accuracy >= targetPrecision);
  if (!best) return NEVER;
  return best.coverage === 1 ? 0 : best.threshold;
}
