import { ibanChecksumValid } from '../checksums.ts';
import { IBAN_LENGTHS } from '../iban-lengths.ts';
import type { PiiSpan } from '../types.ts';

// Country code, check digits, then up to 30 more characters in groups separated by single
// spaces. The candidate may run into the next word; it is cut to the country's IBAN length below.
const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/g;

/** Index just past the `length`-th letter or digit of `candidate`, or -1 when it is shorter. */
const endAfter = (candidate: string, length: number): number => {
  let seen = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (candidate[i] !== ' ' && ++seen === length) return i + 1;
  }
  return -1;
};

/** IBANs, compact or printed in groups, only when the length fits the country and the mod-97 check passes. */
export const findIbans = (text: string): PiiSpan[] => {
  const spans: PiiSpan[] = [];
  const candidates = new RegExp(CANDIDATE);
  for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
    const cut = length === undefined ? -1 : endAfter(m[0], length);
    const valid = cut > 0 && !/[A-Za-z0-9]/.test(text.charAt(m.index + cut)) && ibanChecksumValid(m[0].slice(0, cut).replaceAll(' ', ''));
    if (valid) spans.push({ kind: 'iban', start: m.index, end: m.index + cut });
    // A candidate can run into the next IBAN, so the search resumes right after what was used.
    candidates.lastIndex = valid ? m.index + cut : m.index + 1;
  }
  return spans;
};
