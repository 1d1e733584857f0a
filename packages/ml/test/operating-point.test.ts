import { describe, expect, it } from 'vitest';
import { recallAtFalsePositiveRate, stratifiedFolds } from '@triage/ml';

describe('recallAtFalsePositiveRate', () => {
  // Ranked: 0.9 +, 0.8 -, 0.7 +, 0.6 -, 0.5 +, 0.4 -: three positives, three negatives.
  const scores = [0.5, 0.8, 0.9, 0.4, 0.7, 0.6];
  const positive = [true, false, true, false, true, false];

  it('flags down to the lowest threshold whose false-positive rate fits', () => {
    expect(recallAtFalsePositiveRate(scores, positive, 0)).toBeCloseTo(1 / 3);
    expect(recallAtFalsePositiveRate(scores, positive, 1 / 3)).toBeCloseTo(2 / 3);
    expect(recallAtFalsePositiveRate(scores, positive, 0.5)).toBeCloseTo(2 / 3);
    expect(recallAtFalsePositiveRate(scores, positive, 2 / 3)).toBe(1);
  });

  it('keeps tied scores together rather than exceed the rate', () => {
    // The top two tie: flagging the positive means flagging the negative too (rate 1/2).
    expect(recallAtFalsePositiveRate([0.9, 0.9, 0.1, 0.1], [true, false, true, false], 0.4)).toBe(0);
    expect(recallAtFalsePositiveRate([0.9, 0.9, 0.1, 0.1], [true, false, true, false], 0.5)).toBe(0.5);
  });

  it('is NaN without both classes', () => {
    expect(recallAtFalsePositiveRate([0.1, 0.2], [true, true], 0.2)).toBeNaN();
  });
});

describe('stratifiedFolds', () => {
  it('gives every fold its share of every label, the same for the same seed', () => {
    const labels = Int32Array.from({ length: 103 }, (_, i) => (i < 10 ? 0 : i < 40 ? 1 : 2));
    const folds = stratifiedFolds(labels, 5, 3);
    for (let f = 0; f < 5; f++) {
      const rows = [...labels.keys()].filter((i) => folds[i] === f);
      expect(rows.filter((i) => labels[i] === 0)).toHaveLength(2);
      expect(rows.length).toBeGreaterThanOrEqual(20);
      expect(rows.length).toBeLessThanOrEqual(21);
    }
    expect(stratifiedFolds(labels, 5, 3)).toEqual(folds);
    expect(() => stratifiedFolds(labels, 1, 3)).toThrow(/at least 2 folds/);
  });
});
