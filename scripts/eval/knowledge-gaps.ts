import { seededRandom, shuffle } from '@triage/ml';
import type { KbArticle, KbQuery } from './read-kb.ts';

/**
 * Simulates knowledge gaps: removes a seeded random share of the articles and their ids from the
 * queries' relevant lists, so queries answered only by removed articles become unanswerable.
 */
export function dropArticles(
  articles: KbArticle[],
  queries: KbQuery[],
  fraction: number,
  seed = 1,
): { articles: KbArticle[]; queries: KbQuery[] } {
  if (!(fraction >= 0 && fraction < 1)) throw new Error(`the share of articles to drop must be in [0, 1), got ${fraction}`);
  const dropped = new Set(
    shuffle(
      articles.map((article) => article.id),
      seededRandom(seed),
    ).slice(0, Math.round(articles.length * fraction)),
  );
  return {
    articles: articles.filter((article) => !dropped.has(article.id)),
    queries: queries.map((query) => ({ ...query, relevant: query.relevant.filter((id) => !dropped.has(id)) })),
  };
}
