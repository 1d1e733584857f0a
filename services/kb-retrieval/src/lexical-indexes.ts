import { LexicalIndex } from '@triage/ml';
import type { Article, Store } from '@triage/store';

export interface TenantLexicalIndex {
  index: LexicalIndex;
  articles: Map<string, Article>;
}

/**
 * One in-memory TF-IDF index per tenant, built from that tenant's articles only, so lexical search
 * cannot reach another tenant's text. Rebuilt after the tenant's knowledge base changes.
 */
export const createLexicalIndexes = (store: Store) => {
  const indexes = new Map<string, Promise<TenantLexicalIndex>>();
  const build = async (tenantId: string): Promise<TenantLexicalIndex> => {
    const list = await store.kb.list(tenantId);
    const index = new LexicalIndex();
    for (const a of list) index.add(a.id, `${a.title}\n${a.body}`);
    return { index, articles: new Map(list.map((a) => [a.id, a])) };
  };
  return {
    forTenant(tenantId: string): Promise<TenantLexicalIndex> {
      let entry = indexes.get(tenantId);
      if (!entry) {
        entry = build(tenantId);
        entry.catch(() => indexes.delete(tenantId));
        indexes.set(tenantId, entry);
      }
      return entry;
    },
    invalidate(tenantId: string): void {
      indexes.delete(tenantId);
    },
  };
};

export type LexicalIndexes = ReturnType<typeof createLexicalIndexes>;
