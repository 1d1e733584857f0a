import { describe, expect, it } from 'vitest';
import { CrashStreak } from '../src/kafka/crash-streak.ts';

type Step = 'crash' | 'failed again' | 'batch';

/** Each step `afterMs` after the one before, on a streak with a 10 s gap; the places crashes and failures got. */
const places = (steps: [afterMs: number, step: Step][]): number[] => {
  let now = 0;
  const streak = new CrashStreak(10_000, () => now);
  return steps.flatMap(([afterMs, step]) => {
    now += afterMs;
    if (step === 'batch') {
      streak.end();
      return [];
    }
    return [step === 'crash' ? streak.crashed() : streak.failedAgain()];
  });
};

describe('CrashStreak', () => {
  it('counts crashes that come close together, and starts again after a committed batch', () => {
    expect(
      places([
        [0, 'crash'],
        [1_000, 'crash'],
        [2_000, 'crash'],
        [0, 'batch'],
        [0, 'crash'],
      ]),
    ).toEqual([1, 2, 3, 1]);
  });

  it('starts again after a quiet spell longer than the gap, with no batch in between', () => {
    expect(
      places([
        [0, 'crash'],
        [10_000, 'crash'],
        [10_001, 'crash'],
      ]),
    ).toEqual([1, 2, 1]);
  });

  it('counts a replacement that failed as part of the streak, however long it took to fail', () => {
    expect(
      places([
        [0, 'crash'],
        [60_000, 'failed again'],
      ]),
    ).toEqual([1, 2]);
  });
});
