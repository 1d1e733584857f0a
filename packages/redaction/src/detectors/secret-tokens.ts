import { SECRET_KEY_SOURCE } from '../secret-keys.ts';
import type { PiiSpan } from '../types.ts';

const QUOTE_END = String.raw`(?=[\s,;&)}\]]|$)`;

/**
 * Credentials with a recognisable shape. Where a `value` group exists only it is masked, so
 * `password=` stays readable. Prefixed tokens may start only where a word starts: with \b, every
 * '-' inside a long token would start a fresh scan to its end.
 */
const PATTERNS: readonly RegExp[] = [
  // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-), Stripe secret and restricted keys (sk_live_, rk_test_);
  // the digit keeps hyphenated words such as sk-learn-style names out.
  /(?<![\w-])(?:sk|rk)[-_](?:live_|test_|proj-|ant-)?(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}/dg,
  /(?<![\w-])gh[pousr]_[A-Za-z0-9]{36,}/dg,
  /(?<![\w-])github_pat_[A-Za-z0-9_]{22,}/dg,
  /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,}/dg,
  /(?<![\w-])(?:AKIA|ASIA)[A-Z0-9]{16}\b/dg,
  /(?<![\w-])AIza[A-Za-z0-9_-]{35}/dg,
  // JWT: base64url header that starts with '{"', payload, signature.
  /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/dg,
  // The body is base64 lines: no '-', so the scan stops at the END line without backtracking, and no
  // spaces, so a truncated key does not swallow the prose after it.
  /-----BEGIN [A-Z ]{0,30}PRIVATE KEY-----[A-Za-z0-9+/=\r\n]*(?:-----END [A-Z ]{0,30}PRIVATE KEY-----)?/dg,
  // Authorization header values; real tokens carry a digit, "Bearer authentication" does not.
  /\b(?:Bearer|Basic)\s+(?<value>(?=[A-Za-z0-9._~+/-]*\d)[A-Za-z0-9._~+/-]{8,}=*)/dgi,
  // Credentials inside a URL: postgres://user:s3cret@host.
  /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/]{1,256}:(?<value>[^\s@/]{1,256})@/dgi,
  // key=value, key: value, "key": "value". A value that is already a placeholder is left alone.
  // A closing quote must end the token, so in `{ prompt: 'Password: ', echo }` the quote after
  // "Password: " is not taken as the start of a value running to the next quote.
  new RegExp(
    String.raw`(?<![\w.-])(?:${SECRET_KEY_SOURCE})["']?[ \t]*[:=][ \t]*(?:"(?<value>(?!\[[A-Z]+\]")[^"\r\n]{1,256})"${QUOTE_END}|'(?<value>(?!\[[A-Z]+\]')[^'\r\n]{1,256})'${QUOTE_END}|(?<value>(?!\[[A-Z]+\])[^\s"',;&}\]]{1,256}))`,
    'gid',
  ),
];

/** API keys, tokens, private keys and passwords given as key-value pairs. */
export const findSecretTokens = (text: string): PiiSpan[] => {
  const spans: PiiSpan[] = [];
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const [start, end] = m.indices?.groups?.value ?? [m.index, m.index + m[0].length];
      spans.push({ kind: 'secret', start, end });
    }
  }
  return spans;
};
