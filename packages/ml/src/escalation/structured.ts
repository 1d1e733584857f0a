/**
 * Facts about a ticket beyond its words, by name, as numbers: what the escalator knows from the
 * ticket's metadata. Encode them so that a linear model can use them:
 * - a flag (VIP, outage mentioned) as 0 or 1;
 * - an ordered level (customer tier: free 0, pro 1, enterprise 2) as its rank;
 * - a count with a long tail (affected users, recent tickets, entities) as log1p(count);
 * - a category or channel one-hot, one name per value (`channel=email`: 1);
 * - a score (sentiment in [-1, 1]) as is.
 * Each feature is standardised on the training examples and becomes one more column of both heads,
 * so it weighs in like any n-gram and shows up by name among a prediction's contributions. A feature
 * missing from a ticket counts as its training mean (no evidence either way); a name never seen in
 * training is ignored.
 */
export type StructuredFeatures = Readonly<Record<string, number>>;

/** Every feature name the examples use, sorted: the model's structured columns, in order. */
export const structuredNames = (rows: readonly (StructuredFeatures | undefined)[]): string[] =>
  [...new Set(rows.flatMap((row) => Object.keys(row ?? {})))].sort();
