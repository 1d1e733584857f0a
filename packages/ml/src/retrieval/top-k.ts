import type { ScoredId } from './types.ts';

/** Best score per id over entries that share an id (e.g. an article's chunks), top k of them. */
export function bestPerId(ids: readonly string[], scores: ArrayLike<number>, k: number): ScoredId[] {
  const best = new Map<string, number>();
  ids.forEach((id, i) => {
    const score = scores[i]!;
    if (score > (best.get(id) ?? -Infinity)) best.set(id, score);
  });
  return [...best]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, k);
}
