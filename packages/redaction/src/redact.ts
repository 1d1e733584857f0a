import { findPii } from './find-pii.ts';
import { isSecretKey } from './secret-keys.ts';
import type { PiiKind } from './types.ts';

export const PLACEHOLDERS: Readonly<Record<PiiKind, string>> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  card: '[CARD]',
  iban: '[IBAN]',
  secret: '[SECRET]',
  ip: '[IP]',
};

/** `text` with every piece of PII replaced by a typed placeholder such as `[EMAIL]`. Idempotent. */
export const redact = (text: string): string => {
  let out = '';
  let from = 0;
  for (const span of findPii(text)) {
    out += text.slice(from, span.start) + PLACEHOLDERS[span.kind];
    from = span.end;
  }
  return out + text.slice(from);
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * A copy of a JSON-like log payload with every string redacted, and the whole value of any field
 * named like a credential (`password`, `apiKey`, `client_secret`) masked as `[SECRET]`, since a
 * bare password has no shape to detect. Arrays and plain objects are copied (cycles preserved);
 * other values such as numbers, Dates and class instances are returned as they are.
 */
export const redactDeep = <T>(value: T): T => copy(value, new Map()) as T;

const copy = (value: unknown, seen: Map<object, unknown>): unknown => {
  if (typeof value === 'string') return redact(value);
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(copy(item, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [key, field] of Object.entries(value)) {
    const masked = isSecretKey(key) && (typeof field === 'string' || typeof field === 'number');
    out[key] = masked ? PLACEHOLDERS.secret : copy(field, seen);
  }
  return out;
};
