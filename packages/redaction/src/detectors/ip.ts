import { isIPv6 } from 'node:net';
import { precededBy, VERSION_CUE } from '../context.ts';
import type { PiiSpan } from '../types.ts';

const IPV4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)/g;
// Colon-separated hex groups, optionally ending in a dotted IPv4 tail (::ffff:10.0.0.1);
// node:net decides whether the candidate really is an address.
const IPV6 = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?![\w:])/g;

// Loopback and unspecified addresses identify no one and are useful when diagnosing.
const NON_IDENTIFYING = /^(?:127\.\d+\.\d+\.\d+|0\.0\.0\.0|::1?)$/;

const octetsValid = (candidate: string): boolean =>
  candidate.split('.').every((octet) => Number(octet) <= 255 && (octet === '0' || !octet.startsWith('0')));

/**
 * IPv4 and IPv6 addresses. A dotted quad such as `10.2.3.4` reads the same as an address, so it is
 * treated as one (a leaked address costs more than a masked version) unless a version cue such as
 * `v`, `version`, `build` or `Chrome/` comes right before it. Four parts only: `1.2.3.4.5` is not an address.
 * Loopback (127.x, ::1) and unspecified (0.0.0.0, ::) addresses are kept.
 */
export const findIpAddresses = (text: string): PiiSpan[] => {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(IPV4)) {
    if (octetsValid(m[0]) && !NON_IDENTIFYING.test(m[0]) && !precededBy(text, m.index, VERSION_CUE)) {
      spans.push({ kind: 'ip', start: m.index, end: m.index + m[0].length });
    }
  }
  for (const m of text.matchAll(IPV6)) {
    if (isIPv6(m[0]) && !NON_IDENTIFYING.test(m[0])) spans.push({ kind: 'ip', start: m.index, end: m.index + m[0].length });
  }
  return spans;
};
