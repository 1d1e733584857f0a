import { LexicalIndex } from '@triage/ml';

/** Pairwise TF-IDF cosine similarity of the texts (1 on the diagonal), with idf fitted on them. */
export const similarities = async (texts: readonly string[]): Promise<number[][]> => {
  const index = new LexicalIndex();
  for (const [i, text] of texts.entries()) index.add(String(i), text);
  const matrix = texts.map(() => texts.map(() => 0));
  for (const [i, text] of texts.entries()) {
    for (const hit of await index.search({ text }, texts.length)) matrix[i]![Number(hit.id)] = hit.score;
  }
  return matrix;
};

const QUERY = 'query';

/**
 * The candidate most similar to `text` and its similarity, or null without candidates. idf is fitted
 * on the text too: fitted on the candidates alone, the text's own words would be left out and its
 * few shared ones would pass for all it says.
 */
export const mostSimilar = async <T>(text: string, candidates: readonly T[], textOf: (c: T) => string) => {
  const index = new LexicalIndex();
  for (const [i, c] of candidates.entries()) index.add(String(i), textOf(c));
  index.add(QUERY, text);
  const best = (await index.search({ text }, 2)).find((hit) => hit.id !== QUERY);
  return best ? { candidate: candidates[Number(best.id)]!, similarity: best.score } : null;
};
