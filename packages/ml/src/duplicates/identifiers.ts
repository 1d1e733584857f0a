import type { ScoredId } from '../retrieval/types.ts';

/** Runs of letters, digits and underscores joined by `.`, `:`, `::`, `-` or `/`: `nsIFoo.cpp`, `NS_ERROR_FAILURE`, `2.53.1`, `dict.leo.org/x`. */
const TOKEN = /[\p{L}\p{N}_]+(?:(?:[.:\-/]|::)[\p{L}\p{N}_]+)*/gu;
/** What ordinary words lack: an underscore, an inner capital, a dot or colon between characters, `::`, letters next to digits. */
const TECHNICAL = /_|\p{Ll}\p{Lu}|[\p{L}\p{N}][.:][\p{L}\p{N}]|::|\p{L}\p{N}|\p{N}\p{L}/u;

/**
 * The tokens of a text that look like code, error names, file names, hosts or versions. Two
 * reports naming the same rare one (a crash signature, an `NS_ERROR_…`, a site) are likely about
 * one problem, even when their prose differs; word n-grams split these tokens and lose that.
 */
export const technicalTokens = (text: string): Set<string> => new Set((text.match(TOKEN) ?? []).filter((token) => TECHNICAL.test(token)));

export interface IdentifierIndex {
  /** Entries sharing at least one technical token with the text, by the summed idf of the shared tokens, best first. */
  search: (text: string) => ScoredId[];
}

/** An inverted index of the entries' technical tokens; idf over the entries, so a token all of them share counts for nothing. */
export const createIdentifierIndex = (entries: readonly { id: string; text: string }[]): IdentifierIndex => {
  const postings = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    for (const token of technicalTokens(entry.text)) {
      const list = postings.get(token);
      if (list) list.push(i);
      else postings.set(token, [i]);
    }
  });
  return {
    search: (text) => {
      const scores = new Map<number, number>();
      for (const token of technicalTokens(text)) {
        const list = postings.get(token);
        if (!list) continue;
        const idf = Math.log(entries.length / list.length);
        for (const i of list) scores.set(i, (scores.get(i) ?? 0) + idf);
      }
      return [...scores]
        .filter(([, score]) => score > 0)
        .map(([i, score]) => ({ id: entries[i]!.id, score }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    },
  };
};
