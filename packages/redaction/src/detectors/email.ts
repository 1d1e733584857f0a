import type { PiiSpan } from '../types.ts';

// The lookbehind lets a match start only where a local part starts, so a long run of
// word characters is scanned once instead of once per position. Nothing follows the
// greedy domain, so the regex never backtracks into it; the TLD is checked in code.
const CANDIDATE = /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const TLD = /\.[A-Za-z]{2,63}$/;

/** Email addresses. `react@18.2.0` and `user@localhost` are not: the address needs an alphabetic TLD. */
export const findEmails = (text: string): PiiSpan[] => {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    if (TLD.test(m[0])) spans.push({ kind: 'email', start: m.index, end: m.index + m[0].length });
  }
  return spans;
};
