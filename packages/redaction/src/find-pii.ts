import { findCardNumbers } from './detectors/card.ts';
import { findEmails } from './detectors/email.ts';
import { findHighEntropyStrings } from './detectors/high-entropy.ts';
import { findIbans } from './detectors/iban.ts';
import { findIpAddresses } from './detectors/ip.ts';
import { findPhoneNumbers } from './detectors/phone.ts';
import { findSecretTokens } from './detectors/secret-tokens.ts';
import type { Detector, PiiKind, PiiSpan } from './types.ts';

const DETECTORS: readonly Detector[] = [
  findSecretTokens,
  findHighEntropyStrings,
  findEmails,
  findIbans,
  findCardNumbers,
  findIpAddresses,
  findPhoneNumbers,
];

/** When spans overlap, the merged span takes the kind listed first: the more specific and more sensitive one. */
const PRIORITY: readonly PiiKind[] = ['secret', 'email', 'iban', 'card', 'ip', 'phone'];
const rank = (kind: PiiKind): number => PRIORITY.indexOf(kind);

/**
 * Every piece of PII in `text`, sorted and non-overlapping. Overlapping findings are merged into
 * their union so no part of either leaks, e.g. `postgres://u:pw@db.example.com` is one span.
 */
export const findPii = (text: string): PiiSpan[] => {
  const spans = DETECTORS.flatMap((detect) => detect(text)).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PiiSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (rank(span.kind) < rank(last.kind)) last.kind = span.kind;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
};
