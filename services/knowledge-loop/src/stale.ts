import type { ArticleUse } from '@triage/store';

export interface StaleRule {
  /** Unhelpful votes an article needs before it can be flagged: a vote or two is noise. */
  minUnhelpful: number;
  /** The share of help at or below which it is flagged. */
  maxHelpfulShare: number;
}

/**
 * How often an article helped when it was used: (helpful votes + tickets resolved with it) over
 * (all votes + tickets resolved with it); null when it was never used. An agent resolving a ticket
 * with it counts as much as a customer who said it helped.
 */
export const helpfulShare = (a: ArticleUse): number | null => {
  const uses = a.helpfulVotes + a.unhelpfulVotes + a.resolutionUses;
  return uses === 0 ? null : (a.helpfulVotes + a.resolutionUses) / uses;
};

export const isStale = (a: ArticleUse, rule: StaleRule): boolean =>
  a.unhelpfulVotes >= rule.minUnhelpful && (helpfulShare(a) ?? 1) <= rule.maxHelpfulShare;
