import { createHash } from 'node:crypto';

/** Sorts object keys at every depth: two bodies that differ only in key order are the same request. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, canonical(record[key])]),
  );
};

/** sha256 (hex) of a request body's canonical JSON: what an idempotency key is bound to. */
export const requestFingerprint = (body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
