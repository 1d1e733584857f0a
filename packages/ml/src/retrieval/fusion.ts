import type { ScoredId } from './types.ts';

/**
 * Reciprocal-rank fusion (Cormack et al. 2009): sum over lists of 1 / (k + rank), rank from 1,
 * each list's terms times its weight (default 1).
 */
export function reciprocalRankFusion(lists: readonly (readonly ScoredId[])[], k = 60, weights?: readonly number[]): ScoredId[] {
  if (weights && weights.length !== lists.length) throw new Error(`${weights.length} weights for ${lists.length} lists`);
  const fused = new Map<string, number>();
  lists.forEach((list, i) => {
    const weight = weights?.[i] ?? 1;
    list.forEach(({ id }, rank) => {
      fused.set(id, (fused.get(id) ?? 0) + weight / (k + rank + 1));
    });
  });
  return sorted(fused);
}

/**
 * Standardises each list's scores within the query (z-scores), then sums them with the given
 * weights (default equal). An id missing from a list gets that list's lowest z-score.
 */
export function standardizedScoreFusion(lists: readonly (readonly ScoredId[])[], weights?: readonly number[]): ScoredId[] {
  if (weights && weights.length !== lists.length) throw new Error(`${weights.length} weights for ${lists.length} lists`);
  const standardized = lists.map((list) => {
    const scores = list.map((hit) => hit.score);
    const mean = scores.reduce((sum, s) => sum + s, 0) / Math.max(1, scores.length);
    const sd = Math.sqrt(scores.reduce((sum, s) => sum + (s - mean) ** 2, 0) / Math.max(1, scores.length)) || 1;
    const z = new Map(list.map((hit) => [hit.id, (hit.score - mean) / sd]));
    return { z, floor: Math.min(0, ...z.values()) };
  });
  const ids = new Set(lists.flatMap((list) => list.map((hit) => hit.id)));
  const fused = new Map<string, number>();
  for (const id of ids) {
    fused.set(
      id,
      standardized.reduce((sum, { z, floor }, i) => sum + (weights?.[i] ?? 1 / lists.length) * (z.get(id) ?? floor), 0),
    );
  }
  return sorted(fused);
}

function sorted(scores: Map<string, number>): ScoredId[] {
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
