import { describe, expect, it } from 'vitest';
import type { ArticleUse } from '@triage/store';
import { helpfulShare, isStale } from '../src/stale.ts';

const use = (helpfulVotes: number, unhelpfulVotes: number, resolutionUses: number): ArticleUse => ({
  id: 'kb',
  title: 'KB',
  helpfulVotes,
  unhelpfulVotes,
  resolutionUses,
});
const rule = { minUnhelpful: 3, maxHelpfulShare: 0.4 };

describe('stale articles', () => {
  it('flags an article customers repeatedly said did not help', () => {
    expect(isStale(use(1, 3, 0), rule)).toBe(true);
    expect(helpfulShare(use(1, 3, 0))).toBe(0.25);
  });

  it('waits for enough unhelpful votes, and counts agents resolving with it as help', () => {
    expect(isStale(use(0, 2, 0), rule)).toBe(false);
    expect(isStale(use(0, 3, 3), rule)).toBe(false);
    expect(isStale(use(0, 3, 1), rule)).toBe(true);
  });

  it('has no share for an article never used', () => {
    expect(helpfulShare(use(0, 0, 0))).toBeNull();
    expect(isStale(use(0, 0, 0), rule)).toBe(false);
  });
});
