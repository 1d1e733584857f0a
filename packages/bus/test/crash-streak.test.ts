import { describe, expect, it } from 'vitest';
import { CrashStreak } from '../src/kafka/crash-streak.ts';

describe('CrashStreak', () => {
  const clock = () => {
    const time = { now: 0 };
    return { time, streak: new CrashStreak(10_000, () => time.now) };
  };

  it('counts crashes that come close together, and starts again after a committed batch', () => {
    const { time, streak } = clock();
    expect([streak.crashed(), ((time.now += 1_000), streak.crashed()), ((time.now += 2_000), streak.crashed())]).toEqual([1, 2, 3]);
    streak.end();
    expect(streak.crashed()).toBe(1);
  });

  it('starts again after a quiet spell longer than the gap, with no batch in between', () => {
    const { time, streak } = clock();
    streak.crashed();
    time.now += 10_000;
    expect(streak.crashed()).toBe(2);
    time.now += 10_001;
    expect(streak.crashed()).toBe(1);
  });

  it('counts a replacement that failed as part of the streak, however long it took to fail', () => {
    const { time, streak } = clock();
    streak.crashed();
    time.now += 60_000;
    expect(streak.failedAgain()).toBe(2);
  });
});
