import { precededBy, VERSION_CUE } from '../context.ts';
import type { PiiSpan } from '../types.ts';

// Digit groups joined by exactly one separator (space, dot, dash, or a parenthesis with an
// optional space). Separators are never empty, so a digit run splits only one way and a
// failed match cannot backtrack exponentially; groups and repetitions are capped.
const SEPARATOR = String.raw`(?:[ .\-]|\)[ .\-]?|[ .\-]?\()`;
const CANDIDATE = new RegExp(String.raw`(?<![\w+#./:@-])[+(]?\d{1,15}(?:${SEPARATOR}\d{1,15}){0,7}\)?`, 'g');

/** A following word character, or punctuation then a digit, means the number goes on: a time, a port, a longer id. */
const CONTINUES = /^(?:[\w@]|[.,:/-]\d)/;
const PHONE_CUE = /\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|call|ring|text|sms|whatsapp|contact|reach|dial|number)\b\D{0,20}$/i;
const NOT_A_PHONE_CUE =
  /\b(?:order|invoice|ticket|case|ref|reference|tracking|account|acct|serial|sku|po|transaction|txn|id|isbn|code)\b\W{0,3}(?:no\.?|nr\.?|num|number|#)?\W{0,3}$/i;

const digitGroups = (candidate: string): string[] => candidate.match(/\d+/g) ?? [];

const isInternational = (candidate: string, digits: string): boolean =>
  (candidate.startsWith('+') && digits.length >= 8 && digits.length <= 15) ||
  (/^00[1-9]/.test(digits) && digits.length - 2 >= 8 && digits.length - 2 <= 15);

/** National numbers: a trunk prefix 0 (most of Europe, UK, AU), a bracketed area code, or the North American 3-3-4 shape. */
const isNational = (candidate: string, groups: string[]): boolean => {
  const digits = groups.join('');
  if (digits.length < 9 || digits.length > 11 || groups.length < 2) return false;
  const [first = ''] = groups;
  if (/^0\d{1,4}$/.test(first) && groups.every((g) => g.length >= 2)) return true;
  if (/\(\d{2,5}\)/.test(candidate)) return true;
  const shape = groups.map((g) => g.length).join('-');
  const areaCode = shape === '1-3-3-4' ? groups[1] : groups[0];
  return (shape === '3-3-4' || shape === '1-3-3-4') && /^[2-9]/.test(areaCode ?? '');
};

/** Drops brackets that enclose the whole number, "(0123 456 789)", or have no partner, keeping area codes. */
const trimBrackets = (candidate: string): [number, number] => {
  const opens = candidate.split('(').length - 1;
  const closes = candidate.split(')').length - 1;
  const wrapped = candidate.startsWith('(') && candidate.indexOf(')') === candidate.length - 1;
  const start = candidate.startsWith('(') && (wrapped || opens > closes) ? 1 : 0;
  const end = candidate.endsWith(')') && (wrapped || closes > opens) ? candidate.length - 1 : candidate.length;
  return [start, end];
};

/**
 * Phone numbers in international (`+44 20 7946 0958`, `0049 30 1234567`) and common national
 * formats. A bare digit run, or any 7-15 digit number, counts only after a cue such as "call" or
 * "phone:", because without one it is far more often an order id, a timestamp or an amount.
 * Dates, versions and numbers labelled as order, invoice, ticket or account numbers are skipped.
 */
export const findPhoneNumbers = (text: string): PiiSpan[] => {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const candidate = m[0];
    const after = text.slice(m.index + candidate.length, m.index + candidate.length + 2);
    if (CONTINUES.test(after) || precededBy(text, m.index, VERSION_CUE)) continue;
    const groups = digitGroups(candidate);
    const digits = groups.join('');
    if (/^(\d)\1*$/.test(digits)) continue; // 00 00 00 00 00 is padding in a dump, not a number
    const international = isInternational(candidate, digits);
    if (!international && precededBy(text, m.index, NOT_A_PHONE_CUE)) continue;
    const cued = digits.length >= 7 && digits.length <= 15 && precededBy(text, m.index, PHONE_CUE);
    if (!international && !cued && !isNational(candidate, groups)) continue;
    const [start, end] = trimBrackets(candidate);
    spans.push({ kind: 'phone', start: m.index + start, end: m.index + end });
  }
  return spans;
};
