/**
 * Something loaded once per tenant and shared by concurrent callers. A failed load is not kept, so
 * the next caller tries again; `invalidate` makes the next caller load afresh.
 */
export const createTenantCache = <T>(load: (tenantId: string) => Promise<T>) => {
  const entries = new Map<string, Promise<T>>();
  const remember = (tenantId: string, value: Promise<T>): Promise<T> => {
    value.catch(() => {
      if (entries.get(tenantId) === value) entries.delete(tenantId);
    });
    entries.set(tenantId, value);
    return value;
  };
  return {
    get: (tenantId: string): Promise<T> => entries.get(tenantId) ?? remember(tenantId, load(tenantId)),
    /** Replaces the tenant's entry with `value` (e.g. a model just retrained). */
    set: (tenantId: string, value: Promise<T>): Promise<T> => remember(tenantId, value),
    invalidate: (tenantId: string): void => void entries.delete(tenantId),
  };
};
