/**
 * Something loaded once per key (a tenant's model, a topic's subscription) and shared by concurrent
 * callers. A failed load is not kept, so the next caller tries again; `invalidate` makes the next
 * caller load afresh.
 */
export const createLoadCache = <K, T>(load: (key: K) => Promise<T>) => {
  const entries = new Map<K, Promise<T>>();
  const remember = (key: K, value: Promise<T>): Promise<T> => {
    value.catch(() => {
      if (entries.get(key) === value) entries.delete(key);
    });
    entries.set(key, value);
    return value;
  };
  return {
    get: (key: K): Promise<T> => entries.get(key) ?? remember(key, load(key)),
    /** Replaces the key's entry with `value` (e.g. a model just retrained). */
    set: (key: K, value: Promise<T>): Promise<T> => remember(key, value),
    invalidate: (key: K): void => void entries.delete(key),
    /** Every load kept, finished or not: what there is to release on stopping. */
    loads: (): Promise<T>[] => [...entries.values()],
  };
};
