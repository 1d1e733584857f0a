import { describe, expect, it } from 'vitest';
import {
  accuracy,
  accuracyAtCoverage,
  auroc,
  confusionMatrix,
  coverageCurve,
  hitAtK,
  macroF1,
  perClassScores,
  recallAtK,
  reciprocalRankAtK,
  reliability,
  worstConfusions,
} from '@triage/ml';

describe('classification metrics', () => {
  const actual = ['a', 'a', 'a', 'b', 'b', 'c'];
  const predicted = ['a', 'a', 'b', 'b', 'a', 'c'];

  it('computes accuracy', () => {
    expect(accuracy(actual, predicted)).toBeCloseTo(4 / 6);
  });

  it('builds the confusion matrix as counts[actual][predicted]', () => {
    expect(confusionMatrix(actual, predicted)).toEqual({
      labels: ['a', 'b', 'c'],
      counts: [
        [2, 1, 0],
        [1, 1, 0],
        [0, 0, 1],
      ],
    });
  });

  it('computes per-class precision, recall, F1 and the macro mean', () => {
    const scores = perClassScores(confusionMatrix(actual, predicted));
    // a: precision 2/3, recall 2/3; b: precision 1/2, recall 1/2; c: 1 and 1.
    expect(scores.map((s) => [s.label, s.precision, s.recall, s.support])).toEqual([
      ['a', 2 / 3, 2 / 3, 3],
      ['b', 1 / 2, 1 / 2, 2],
      ['c', 1, 1, 1],
    ]);
    expect(scores[0]!.f1).toBeCloseTo(2 / 3);
    expect(macroF1(scores)).toBeCloseTo((2 / 3 + 1 / 2 + 1) / 3);
  });

  it('ignores classes that never occur in the truth for macro-F1, and scores 0/0 as 0', () => {
    const scores = perClassScores(confusionMatrix(['a', 'a'], ['a', 'z']));
    expect(scores.find((s) => s.label === 'z')).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(macroF1(scores)).toBeCloseTo(2 / 3); // only a: precision 1, recall 1/2
  });

  it('lists the worst confusions first', () => {
    const confusion = confusionMatrix(['a', 'a', 'a', 'b'], ['b', 'b', 'a', 'a']);
    expect(worstConfusions(confusion, 5)).toEqual([
      { actual: 'a', predicted: 'b', count: 2 },
      { actual: 'b', predicted: 'a', count: 1 },
    ]);
  });

  it('rejects lists of different lengths', () => {
    expect(() => accuracy(['a'], [])).toThrow(/lengths differ/);
  });
});

describe('calibration metrics', () => {
  it('computes ECE as the count-weighted gap between accuracy and confidence per bin', () => {
    // Bins of width 0.5: (0, 0.5] holds 0.2 and 0.4 (one right), (0.5, 1] holds 0.9 and 1.0 (both right).
    const { ece, bins } = reliability([0.2, 0.4, 0.9, 1.0], [true, false, true, true], 2);
    expect(bins).toEqual([
      { lower: 0, upper: 0.5, count: 2, confidence: 0.30000000000000004, accuracy: 0.5 },
      { lower: 0.5, upper: 1, count: 2, confidence: 0.95, accuracy: 1 },
    ]);
    expect(ece).toBeCloseTo(0.5 * 0.2 + 0.5 * 0.05);
  });

  it('uses 15 bins by default and puts a confidence of exactly 1 in the last', () => {
    const { bins } = reliability([1, 0], [true, false]);
    expect(bins).toHaveLength(15);
    expect(bins[14]!.count).toBe(1);
    expect(bins[0]!.count).toBe(1);
  });

  it('traces accuracy against coverage, keeping tied confidences together', () => {
    const curve = coverageCurve([0.9, 0.8, 0.8, 0.3], [true, false, true, false]);
    expect(curve).toEqual([
      { coverage: 0.25, accuracy: 1, threshold: 0.9 },
      { coverage: 0.75, accuracy: 2 / 3, threshold: 0.8 },
      { coverage: 1, accuracy: 0.5, threshold: 0.3 },
    ]);
    expect(accuracyAtCoverage(curve, 0.5)).toBeCloseTo(2 / 3);
    expect(accuracyAtCoverage(curve, 0.25)).toBe(1);
  });
});

describe('ranking metrics', () => {
  const ranked = ['x', 'a', 'y', 'b'];

  it('computes recall@k as the share of relevant ids found', () => {
    expect(recallAtK(ranked, ['a', 'b'], 1)).toBe(0);
    expect(recallAtK(ranked, ['a', 'b'], 2)).toBe(0.5);
    expect(recallAtK(ranked, ['a', 'b'], 10)).toBe(1);
    expect(() => recallAtK(ranked, [], 3)).toThrow(/no relevant/);
  });

  it('computes hit@k', () => {
    expect(hitAtK(ranked, ['a', 'b'], 1)).toBe(0);
    expect(hitAtK(ranked, ['a', 'b'], 2)).toBe(1);
  });

  it('computes the reciprocal rank within k', () => {
    expect(reciprocalRankAtK(ranked, ['b', 'a'], 10)).toBe(1 / 2);
    expect(reciprocalRankAtK(ranked, ['b'], 3)).toBe(0);
  });

  it('computes AUROC with ties counting half', () => {
    // Pairs (positive, negative): (0.35, 0.1) win, (0.35, 0.4) loss, (0.8, *) two wins: 3 of 4.
    expect(auroc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(auroc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(auroc([1, 2], [true, true])).toBeNaN();
  });
});
