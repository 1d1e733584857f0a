import { LexicalIndex } from '@triage/ml';
import { createTenantCache } from '@triage/runtime';
import type { Article, Store } from '@triage/store';

export interface TenantLexicalIndex {
  /** Absent when the tenant's knowledge base is too large to index in memory: search is dense only. */
  index: LexicalIndex | undefined;
  articles: Map<string, Article>;
}

/**
 * One in-memory TF-IDF index per tenant, built from that tenant's articles only, so lexical search
 * cannot reach another tenant's text. Rebuilt after the tenant's knowledge base changes. Past
 * `maxArticles` the index would cost gigabytes and minutes to build (measured: 100k articles did
 * not answer in 120 s at 4 GB), so such a tenant is searched by pgvector alone.
 */
export const createLexicalIndexes = (store: Store, maxArticles: number) => {
  const build = async (tenantId: string): Promise<TenantLexicalIndex> => {
    if ((await store.kb.count(tenantId)) > maxArticles) return { index: undefined, articles: new Map() };
    const list = await store.kb.list(tenantId);
    const index = new LexicalIndex();
    for (const a of list) index.add(a.id, `${a.title}\n${a.body}`);
    // Fitted here, where the start-up warm-up and a refresh after a knowledge-base change load it,
    // rather than in the first search behind them (measured: 0.9 s of a freshly started service's
    // first batch, while the tickets behind it queued).
    index.prepare();
    return { index, articles: new Map(list.map((a) => [a.id, a])) };
  };
  const indexes = createTenantCache(build);
  return { forTenant: indexes.get, invalidate: indexes.invalidate };
};

export type LexicalIndexes = ReturnType<typeof createLexicalIndexes>;
