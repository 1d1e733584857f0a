import { precededBy } from '../context.ts';
import type { PiiSpan } from '../types.ts';

const CANDIDATE = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}/g;
const HEX = /^(?:[0-9a-f]+|[0-9A-F]+)$/;
// Hex after these words is a content hash or an identifier, which support needs to read.
const HASH_CUE = /\b(?:sha\d*|md5|commit|checksum|hash|digest|etag|id|uuid|guid)\b\W{0,3}$/i;

/** Shannon entropy in bits per character. */
const shannonEntropy = (s: string): number => {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
};

const isRandomHex = (token: string): boolean => /\d/.test(token) && /[a-f]/i.test(token) && shannonEntropy(token) >= 3;

/**
 * Paths such as `/Users/JohnSmith/Library` or `api/v2/users/…` start with a slash or have a segment
 * that is a plain word; random base64 practically never has a whole segment like that.
 */
const looksLikePath = (token: string): boolean =>
  token.startsWith('/') || (token.includes('/') && token.split('/').some((segment) => /^[A-Z]?[a-z]{3,}$/.test(segment)));

const charClass = (ch: string): number => (ch >= 'A' && ch <= 'Z' ? 0 : ch >= 'a' && ch <= 'z' ? 1 : ch >= '0' && ch <= '9' ? 2 : 3);

/**
 * Share of neighbouring characters of different classes (upper, lower, digit, symbol). Random
 * base64 switches at about 0.6; identifiers such as `MyApplicationServiceConfiguration2024` stay
 * within words and score 0.2-0.35 even when their entropy is as high.
 */
const classSwitchRate = (token: string): number => {
  let switches = 0;
  for (let i = 1; i < token.length; i++) if (charClass(token.charAt(i)) !== charClass(token.charAt(i - 1))) switches++;
  return switches / (token.length - 1);
};

const isRandomBase64 = (token: string): boolean =>
  /[A-Z]/.test(token) &&
  /[a-z]/.test(token) &&
  /\d/.test(token) &&
  !looksLikePath(token) &&
  shannonEntropy(token) >= 3.9 &&
  classSwitchRate(token) >= 0.4;

/**
 * Long random-looking strings that are probably credentials with no recognisable prefix: 32+ hex
 * characters (unless labelled as a hash or id), or 32+ base64 characters mixing cases and digits
 * with high entropy. Words, paths, UUIDs and identifiers do not qualify.
 */
export const findHighEntropyStrings = (text: string): PiiSpan[] => {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const token = m[0].replace(/=+$/, '');
    const secret = HEX.test(token) ? isRandomHex(token) && !precededBy(text, m.index, HASH_CUE) : isRandomBase64(token);
    if (secret) spans.push({ kind: 'secret', start: m.index, end: m.index + m[0].length });
  }
  return spans;
};
