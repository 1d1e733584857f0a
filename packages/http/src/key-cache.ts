import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The `ttlMs` of every service's key cache. */
export const KeyCacheConfig = z.object({
  KEY_CACHE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(30_000)
    .describe(
      'How long a resolved API or widget key is trusted: a deleted key, or an origin taken off a widget key, works this long; 0 asks the database on every request.',
    ),
});
export type KeyCacheConfig = z.infer<typeof KeyCacheConfig>;

export type KeyResolver<T> = (key: string) => Promise<T | null>;

export interface KeyCacheOptions {
  /** How long a key that resolved is trusted without asking again; 0 asks every time. */
  ttlMs: number;
  /**
   * Keys remembered at most; the oldest is forgotten first. Only keys that resolved are kept, so the
   * default bounds memory by a count of real keys in use.
   */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Remembers keys that resolved, so a client sending the same key request after request costs one
 * database round trip per `ttlMs` instead of one per request. The price: a key removed from the
 * database, or an origin taken off a widget key, keeps working here for up to `ttlMs`. Unknown keys
 * are not remembered, so a key created a moment ago works at once.
 */
export const cachedKeys = <T>(resolve: KeyResolver<T>, options: KeyCacheOptions): KeyResolver<T> => {
  if (options.ttlMs === 0) return resolve;
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  // By digest: the keys themselves are secrets and need not outlive their request in memory.
  const known = new Map<string, { value: T; until: number }>();
  return async (key) => {
    const digest = createHash('sha256').update(key).digest('base64');
    const hit = known.get(digest);
    if (hit && hit.until > now()) return hit.value;
    known.delete(digest);
    const value = await resolve(key);
    if (value !== null) {
      known.set(digest, { value, until: now() + options.ttlMs });
      if (known.size > maxEntries) known.delete(known.keys().next().value!);
    }
    return value;
  };
};
