import type { RawMessage } from '../types.ts';

/**
 * The broker refuses a record batch over its `message.max.bytes` (1 MiB by default), and a refused
 * batch in a transaction aborts it, so the same batch would fail on every redelivery. Sends are cut
 * into requests well under that; several sends still commit as one transaction.
 */
export const MAX_REQUEST_BYTES = 768 * 1024;

/** Bytes a message takes on the wire, near enough: key, value and headers. */
export const messageBytes = (m: RawMessage): number =>
  (m.key ? Buffer.byteLength(m.key) : 0) +
  (m.value === null ? 0 : typeof m.value === 'string' ? Buffer.byteLength(m.value) : m.value.length) +
  Object.entries(m.headers ?? {}).reduce((sum, [k, v]) => sum + k.length + Buffer.byteLength(v), 0) +
  64;

/** Consecutive groups of `items` whose messages add up to at most `maxBytes` (a larger single message stands alone). */
export const inRequests = <T>(items: T[], message: (item: T) => RawMessage, maxBytes = MAX_REQUEST_BYTES): T[][] => {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = messageBytes(message(item));
    if (current.length > 0 && bytes + size > maxBytes) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
};
