import { luhnValid } from '../checksums.ts';
import type { PiiSpan } from '../types.ts';

// 13-19 digits, optionally split by single spaces or dashes. Both lookbehinds stop a match
// from starting inside a longer number, so each digit run is tried once.
const CANDIDATE = /(?<![\w+.-])(?<!\d[ -])\d(?:[ -]?\d){12,18}/g;
const CONTINUES = /^(?:\w|[ .-]\d)/;
// Issuer prefixes in use (Amex, Diners, JCB 3; Visa 4; Mastercard 2 and 5; Discover, UnionPay, Maestro 6).
// Excludes 13-digit millisecond timestamps, which start with 1, and numbers with a trunk 0.
const ISSUER_PREFIX = /^[2-6]/;
// Printed card numbers open with a group of four; "3 1395066363000" is a value and a timestamp.
const OPENS_WITH_FOUR = /^\d{4}[ -]/;

/** Payment card numbers, only when they pass the Luhn check. */
export const findCardNumbers = (text: string): PiiSpan[] => {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const end = m.index + m[0].length;
    const digits = m[0].replace(/[ -]/g, '');
    const grouped = digits.length < m[0].length;
    if (CONTINUES.test(text.slice(end, end + 2)) || (grouped && !OPENS_WITH_FOUR.test(m[0]))) continue;
    if (!ISSUER_PREFIX.test(digits) || !luhnValid(digits)) continue;
    spans.push({ kind: 'card', start: m.index, end });
  }
  return spans;
};
