import { describe, expect, it } from 'vitest';
import { fitTemperature, logSoftmaxInPlace, seededRandom, thresholdForPrecision } from '@triage/ml';

describe('fitTemperature', () => {
  it('recovers the temperature that generated the labels', () => {
    const random = seededRandom(7);
    const trueTemperature = 2.5;
    const scores: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const row = Float64Array.from({ length: 5 }, () => random() * 8);
      const probabilities = logSoftmaxInPlace(row.map((s) => s / trueTemperature)).map(Math.exp);
      let draw = random();
      let label = 0;
      while (label < 4 && draw > probabilities[label]!) draw -= probabilities[label++]!;
      scores.push(row);
      labels.push(label);
    }
    expect(fitTemperature(scores, labels)).toBeCloseTo(trueTemperature, 0);
  });

  it('does not let a few perfectly classified rows make every prediction near-certain', () => {
    const scores = [0, 1, 2, 0, 1].map((label) => Float64Array.from([0, 1, 2], (k) => (k === label ? 3 : 0)));
    expect(fitTemperature(scores, [0, 1, 2, 0, 1])).toBeGreaterThan(0.5);
  });

  it('is 1 without data', () => {
    expect(fitTemperature([], [])).toBe(1);
  });
});

describe('thresholdForPrecision', () => {
  const confidences = [0.95, 0.9, 0.8, 0.7, 0.6];
  const correct = [true, true, true, false, false];

  it('picks the lowest threshold whose kept answers meet the target', () => {
    // Keeping 0.95..0.7 is 3/4 = 75% right; keeping down to 0.8 is 100%.
    expect(thresholdForPrecision(confidences, correct, 0.75)).toBe(0.7);
    expect(thresholdForPrecision(confidences, correct, 0.9)).toBe(0.8);
  });

  it('is 0 when answering everything meets the target', () => {
    expect(thresholdForPrecision(confidences, correct, 0.6)).toBe(0);
  });

  it('abstains always when no cut meets the target', () => {
    expect(thresholdForPrecision([0.9, 0.8], [false, true], 0.99)).toBeGreaterThan(1);
  });

  it('rejects a target outside (0, 1]', () => {
    expect(() => thresholdForPrecision(confidences, correct, 1.5)).toThrow(/target precision/);
  });
});
