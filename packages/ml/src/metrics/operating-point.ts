/**
 * Share of positives flagged when flagging every score at or above the lowest threshold whose
 * false-positive rate (flagged negatives / negatives) stays within `maxFalsePositiveRate`. Tied
 * scores are flagged together, so the rate is never exceeded; NaN when either class is absent.
 */
export const recallAtFalsePositiveRate = (
  scores: readonly number[],
  positive: readonly boolean[],
  maxFalsePositiveRate: number,
): number => {
  if (scores.length !== positive.length) throw new Error(`lengths differ: ${scores.length} vs ${positive.length}`);
  const positives = positive.filter(Boolean).length;
  const negatives = positive.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let flaggedPositives = 0;
  let flaggedNegatives = 0;
  let recall = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    for (let i = start; i <= end; i++) {
      if (positive[order[i]!]) flaggedPositives++;
      else flaggedNegatives++;
    }
    if (flaggedNegatives / negatives > maxFalsePositiveRate) break;
    recall = flaggedPositives / positives;
    start = end + 1;
  }
  return recall;
};
