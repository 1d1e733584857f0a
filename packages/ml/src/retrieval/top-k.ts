import type { ScoredId } from './types.ts';

export interface RankedId extends ScoredId {
  /** Position of the id's best-scoring entry among all the entries scored (an article's best chunk). */
  entry: number;
}

/**
 * Best score per id over entries that share an id (e.g. an article's chunks), top k of them, best
 * first and ties by id. Only entries scoring at least the k-th best entry are looked at when they
 * name k ids or more, since no other id can then be among the k: keeping every id's best in a map
 * and sorting them all with `localeCompare` (a thousand-article knowledge base, most of it tied at
 * 0) took a lexical search longer than scoring it.
 */
export function bestPerId(ids: readonly string[], scores: ArrayLike<number>, k: number): RankedId[] {
  if (k <= 0) return [];
  const atLeast = ids.length > k ? Float64Array.from(scores).sort()[ids.length - k]! : -Infinity;
  const best = bestOf(ids, scores, atLeast);
  const ranked = best.size >= k || atLeast === -Infinity ? best : bestOf(ids, scores, -Infinity);
  return Array.from(ranked, ([id, entry]) => ({ id, score: scores[entry]!, entry }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, k);
}

/** Each id's best entry (the first of equals) among those scoring at least `atLeast`. */
const bestOf = (ids: readonly string[], scores: ArrayLike<number>, atLeast: number): Map<string, number> => {
  const best = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const score = scores[i]!;
    if (score < atLeast) continue;
    const known = best.get(ids[i]!);
    if (known === undefined || score > scores[known]!) best.set(ids[i]!, i);
  }
  return best;
};
