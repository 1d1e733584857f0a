import { chunkText } from '@triage/ml';
import type { Article } from '@triage/store';
import { excerptOf, passageStart } from './snippet.ts';

/** An article's excerpt for the chunk a search matched (`undefined`: none did). */
export type Excerpts = (article: Article, ord: number | undefined) => string;

/**
 * Excerpts kept with the article object they were cut from. Cutting one splits the whole article
 * into chunks, words and sentences: that took a seventh of a retrieval's CPU, for answers the same
 * few articles give again and again. An article edited or imported since is a new object (the
 * lexical index's copy is replaced, never edited), so it is cut afresh; one dropped is forgotten.
 */
export const cachedExcerpts = (snippetChars: number): Excerpts => {
  const cut = new WeakMap<Article, Map<number, string>>();
  return (article, ord) => {
    let byOrd = cut.get(article);
    if (!byOrd) {
      byOrd = new Map<number, string>();
      cut.set(article, byOrd);
    }
    const key = ord ?? -1;
    const known = byOrd.get(key);
    if (known !== undefined) return known;
    // The passage is cut again as the import cut the chunk, without the title line it was given.
    // There is none for a hit the dense side did not rank, nor past the end of an article edited
    // since it was chunked: the excerpt then starts at the article's beginning. A chunk has lost the
    // article's line breaks, and with them where headings and list items end: the excerpt is read
    // from the article, at the sentence where the chunk that matched begins.
    const passage = ord === undefined ? undefined : chunkText('', article.body)[ord];
    const from = passage === undefined ? 0 : passageStart(article.body, passage);
    const excerpt = excerptOf(article.body, snippetChars, from);
    byOrd.set(key, excerpt);
    return excerpt;
  };
};
