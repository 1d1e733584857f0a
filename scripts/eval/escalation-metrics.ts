import { URGENCIES, auroc, confusionMatrix, macroF1, perClassScores, recallAtFalsePositiveRate, reliability } from '@triage/ml';
import type { ClassScores, ConfusionMatrix, EscalationPrediction, Urgency } from '@triage/ml';

/** The false-alarm rate on medium and low tickets at which recall of high is reported. */
export const FALSE_ALARM_RATE = 0.2;

export interface EscalationScores {
  tickets: number;
  perClass: ClassScores[];
  macroF1: number;
  /** How well P(high) ranks high tickets above the others. */
  highAuroc: number;
  /** Share of high tickets flagged when 20% of the others are. */
  highRecallAt20Fpr: number;
  /** Top-label ECE (15 bins), as for the categorizer. */
  ece: number;
  /** ECE of P(high) against whether the ticket is high. */
  highEce: number;
  confusion: ConfusionMatrix;
}

export const scoreEscalation = (actual: readonly Urgency[], predictions: readonly EscalationPrediction[]): EscalationScores => {
  const pHigh = predictions.map((p) => p.probabilities.high);
  const isHigh = actual.map((urgency) => urgency === 'high');
  const confusion = confusionMatrix(
    actual,
    predictions.map((p) => p.urgency),
    URGENCIES,
  );
  const perClass = perClassScores(confusion);
  const top = predictions.map((p) => URGENCIES.reduce((best, k) => (p.probabilities[k] > p.probabilities[best] ? k : best)));
  return {
    tickets: actual.length,
    perClass,
    macroF1: macroF1(perClass),
    highAuroc: auroc(pHigh, isHigh),
    highRecallAt20Fpr: recallAtFalsePositiveRate(pHigh, isHigh, FALSE_ALARM_RATE),
    ece: reliability(
      top.map((k, i) => predictions[i]!.probabilities[k]),
      top.map((k, i) => k === actual[i]),
    ).ece,
    highEce: reliability(pHigh, isHigh).ece,
    confusion,
  };
};
