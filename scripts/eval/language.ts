import { detectLanguage } from '@triage/signals';

export interface LanguageSample {
  language: string;
  text: string;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface LanguageResult {
  kind: 'language';
  samplesFile: string;
  samples: number;
  accuracy: number;
  macroF1: number;
  perLanguage: Record<string, ClassScores>;
  /** Texts with too few words for any answer; they count as wrong. */
  undetected: number;
  /** What a per-language queue sees when it trusts only answers at or above the threshold. */
  atConfidence: { threshold: number; coverage: number; accuracy: number };
  meanConfidence: { right: number; wrong: number };
  /** Expected calibration error of the confidence over 10 equal-width bins. */
  ece: number;
  /** Gold language → detected language (`none` when undetected) → count. */
  confusion: Record<string, Record<string, number>>;
  microsecondsPerText: number;
}

/** The confidence a per-language routing rule would start from. */
export const ROUTING_CONFIDENCE = 0.7;

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

const f1 = (precision: number, recall: number): number => (precision + recall ? (2 * precision * recall) / (precision + recall) : 0);

export const expectedCalibrationError = (points: readonly { confidence: number; right: boolean }[], bins = 10): number => {
  let error = 0;
  for (let b = 0; b < bins; b++) {
    const inBin = points.filter((p) => Math.min(bins - 1, Math.floor(p.confidence * bins)) === b);
    if (inBin.length === 0) continue;
    const gap = Math.abs(mean(inBin.map((p) => p.confidence)) - mean(inBin.map((p) => (p.right ? 1 : 0))));
    error += (inBin.length / points.length) * gap;
  }
  return error;
};

/** Runs the detector the pipeline uses over labelled texts: accuracy, per-language F1, calibration. */
export const evaluateLanguage = (samples: readonly LanguageSample[], samplesFile: string): LanguageResult => {
  // Timed on a second pass: the first pays for compiling every pattern.
  for (const s of samples) detectLanguage(s.text);
  const start = performance.now();
  const detected = samples.map((s) => detectLanguage(s.text));
  const microsecondsPerText = ((performance.now() - start) * 1000) / Math.max(1, samples.length);

  const gold = [...new Set(samples.map((s) => s.language))].sort();
  const confusion: Record<string, Record<string, number>> = Object.fromEntries(gold.map((g) => [g, {}]));
  const points = samples.map((s, i) => {
    const guess = detected[i];
    const row = confusion[s.language] as Record<string, number>;
    const label = guess?.code ?? 'none';
    row[label] = (row[label] ?? 0) + 1;
    return { confidence: guess?.confidence ?? 0, right: guess?.code === s.language, guess: guess?.code };
  });
  const perLanguage = Object.fromEntries(
    gold.map((language) => {
      const truePositives = points.filter((p, i) => p.right && samples[i]?.language === language).length;
      const predicted = points.filter((p) => p.guess === language).length;
      const support = samples.filter((s) => s.language === language).length;
      const precision = predicted ? truePositives / predicted : 0;
      const recall = support ? truePositives / support : 0;
      return [language, { precision, recall, f1: f1(precision, recall), support }];
    }),
  );
  const trusted = points.filter((p) => p.confidence >= ROUTING_CONFIDENCE);
  return {
    kind: 'language',
    samplesFile,
    samples: samples.length,
    accuracy: mean(points.map((p) => (p.right ? 1 : 0))),
    macroF1: mean(Object.values(perLanguage).map((s) => s.f1)),
    perLanguage,
    undetected: detected.filter((d) => d === undefined).length,
    atConfidence: {
      threshold: ROUTING_CONFIDENCE,
      coverage: trusted.length / Math.max(1, points.length),
      accuracy: mean(trusted.map((p) => (p.right ? 1 : 0))),
    },
    meanConfidence: {
      right: mean(points.filter((p) => p.right).map((p) => p.confidence)),
      wrong: mean(points.filter((p) => !p.right).map((p) => p.confidence)),
    },
    ece: expectedCalibrationError(points),
    confusion,
    microsecondsPerText,
  };
};
