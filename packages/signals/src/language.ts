import type { DetectedLanguage } from '@triage/contracts';
// ELD (Apache-2.0) over franc-min and tinyld: on 175 Tatoeba sentences in seven languages plus
// short support lines it got 180 of 181 right against franc-min's 150 and tinyld's 179, at ~35 µs a
// text against 85 and 150 µs; franc needs long text, and tinyld took "Alle Änderungen werden
// protokolliert." for Dutch and an English ticket line for Slovak. Its extra-small database did as
// well as the small and medium ones on those texts (and on a dozen two- and three-word requests)
// for ~30 MB of heap in every process that reads tickets, against ~45 MB for the small one.
import { eld } from 'eld/extrasmall';

/**
 * ELD scores every language between 0 and 1 and the best one usually sits 0.05-0.2 above the next,
 * so the scores go through a softmax at this temperature: a clear lead reads as ~0.9, a tie
 * (Spanish and Portuguese on "Por favor, conserte isto.") as ~0.5.
 */
const TEMPERATURE = 0.05;
/** Fewer letters than this and any language is a guess ("ok", an error code). */
const MIN_LETTERS = 8;
/** The opening of a long ticket tells its language as well as the whole, and ELD's cost grows with length. */
const MAX_CHARS = 600;

// Codes, versions, URLs and traces are the same in every language: only words tell it.
const NOT_WORDS = /\bhttps?:\/\/\S+|\S*[\d_/\\@=<>{}[\]]\S*/g;

/** The customer's language with a confidence, or undefined when the text has too few words to tell. */
export const detectLanguage = (text: string): DetectedLanguage | undefined => {
  const words = text.slice(0, MAX_CHARS).replace(NOT_WORDS, ' ');
  if ((words.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return undefined;
  const scores = Object.entries(eld.detect(words).getScores());
  const best = scores.reduce<[string, number] | undefined>((b, s) => (b && b[1] >= s[1] ? b : s), undefined);
  if (!best) return undefined;
  const total = scores.reduce((sum, [, score]) => sum + Math.exp((score - best[1]) / TEMPERATURE), 0);
  return { code: best[0], confidence: Math.round((1 / total) * 1000) / 1000 };
};
