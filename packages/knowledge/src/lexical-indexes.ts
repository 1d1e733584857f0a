import { LexicalIndex } from '@triage/ml';
import { createLoadCache } from '@triage/runtime';
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
    // Fitted here, so the start-up warm-up that loads the index also fits it rather than leaving that
    // to the first search (measured: 0.9 s of a freshly started kb-retrieval's first batch, while the
    // tickets behind it queued). Intake warms up in the background, so there the fit holds its event
    // loop at start instead of at the first deflection. After a knowledge-base change the index is
    // dropped and the next search loads and fits it.
    index.prepare();
    return { index, articles: new Map(list.map((a) => [a.id, a])) };
  };
  const indexes = createLoadCache(build);
  return { forTenant: indexes.get, invalidate: indexes.invalidate };
};

export type LexicalIndexes = ReturnType<typeof createLexicalIndexes>;
