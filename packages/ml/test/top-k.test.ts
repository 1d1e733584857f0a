import { describe, expect, it } from 'vitest';
import { bestPerId } from '../src/retrieval/top-k.ts';
import { seededRandom } from '../src/random.ts';

/** The definition: every id's best score, all sorted best first and ties by id, cut at k. */
const reference = (ids: string[], scores: number[], k: number) => {
  const best = new Map<string, number>();
  for (const [i, id] of ids.entries()) best.set(id, Math.max(best.get(id) ?? -Infinity, scores[i]!));
  return [...best]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, k);
};

describe('bestPerId', () => {
  it('keeps each id at its best entry, best first, ties broken by id', () => {
    const ids = ['b', 'a', 'c', 'a', 'd'];
    const scores = [0.5, 0.2, 0.5, 0.9, 0];
    expect(bestPerId(ids, scores, 3)).toEqual([
      { id: 'a', score: 0.9, entry: 3 },
      { id: 'b', score: 0.5, entry: 0 },
      { id: 'c', score: 0.5, entry: 2 },
    ]);
  });

  it('keeps every tie at the cut in id order, as sorting them all would', () => {
    const ids = ['e', 'd', 'c', 'b', 'a'];
    expect(bestPerId(ids, [1, 0, 0, 0, 0], 3)).toEqual([
      { id: 'e', score: 1, entry: 0 },
      { id: 'a', score: 0, entry: 4 },
      { id: 'b', score: 0, entry: 3 },
    ]);
  });

  it('returns what sorting every id returns, on scores with many ties and shared ids', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 50; round++) {
      const n = 1 + Math.floor(random() * 300);
      const ids = Array.from({ length: n }, () => `article-${Math.floor(random() * n)}`);
      // A third of them 0, as a lexical query scores the articles it shares no feature with.
      const scores = ids.map(() => (random() < 0.33 ? 0 : Math.round(random() * 20) / 20));
      for (const k of [1, 3, 50, n + 5]) {
        const ranked = bestPerId(ids, scores, k);
        expect(
          ranked.map(({ id, score }) => ({ id, score })),
          `n ${n}, k ${k}`,
        ).toEqual(reference(ids, scores, k));
        // Each hit names the first of its id's entries that scored its best.
        for (const { id, score, entry } of ranked) expect(entry).toBe(ids.findIndex((other, i) => other === id && scores[i] === score));
      }
    }
  });
});
