import { fnv1a, fnv1aStep } from './hash.ts';

/** Letters and digits; everything else (spaces, punctuation, symbols) separates words. */
const WORD = /[\p{L}\p{N}]+/gu;
const MIN_CHAR_N = 2;
const MAX_CHAR_N = 5;
// Distinct seeds keep a word and a character n-gram with the same spelling apart.
export const WORD_SEED = fnv1a('word:');
const CHAR_SEED = fnv1a('char:');

export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** Counts of hashed n-grams of one text, per block, keyed by the full 32-bit hash. */
export interface NgramCounts {
  /** Word unigrams and bigrams. */
  word: Map<number, number>;
  /** Character 2-5 grams within each word padded by spaces (scikit-learn's `char_wb`). */
  char: Map<number, number>;
}

export function countNgrams(text: string): NgramCounts {
  const tokens = words(text);
  const word = new Map<number, number>();
  const char = new Map<number, number>();
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    increment(word, fnv1a(token, WORD_SEED));
    if (t > 0) increment(word, fnv1a(`${tokens[t - 1]} ${token}`, WORD_SEED));
    countCharNgrams(` ${token} `, char);
  }
  return { word, char };
}

function countCharNgrams(padded: string, into: Map<number, number>): void {
  for (let start = 0; start + MIN_CHAR_N <= padded.length; start++) {
    let hash = CHAR_SEED;
    const end = Math.min(padded.length, start + MAX_CHAR_N);
    for (let i = start; i < end; i++) {
      hash = fnv1aStep(hash, padded.charCodeAt(i));
      if (i - start + 1 >= MIN_CHAR_N) increment(into, hash >>> 0);
    }
  }
}

function increment(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
