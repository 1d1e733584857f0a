import { DenseIndex, LexicalIndex } from '@triage/ml';
import { createLoadCache } from '@triage/runtime';
import type { Article, ChunkHit, ChunkVector, Store } from '@triage/store';

/** The nearest chunks to a query vector, best first, as pgvector's `searchDense` answers. */
export type NearestChunks = (embedding: number[], k: number) => Promise<ChunkHit[]>;

export interface TenantIndex {
  /** Absent when the tenant's knowledge base is too large to index in memory: search is dense only. */
  lexical: LexicalIndex | undefined;
  /** The tenant's chunk vectors searched exactly in memory; absent past `maxDenseChunks` (and without `lexical`), when pgvector searches them. */
  dense: NearestChunks | undefined;
  articles: Map<string, Article>;
}

export interface TenantIndexLimits {
  maxArticles: number;
  maxDenseChunks: number;
  dimension: number;
}

const inMemory = (chunks: ChunkVector[], dimension: number): NearestChunks => {
  const index = new DenseIndex(dimension);
  for (const chunk of chunks) index.add(chunk.articleId, chunk.embedding);
  // Only the chunk numbers are kept: as arrays of numbers, the vectors would take twice the memory the index holds them in.
  const ords = chunks.map((chunk) => chunk.ord);
  return async (embedding, k) =>
    (await index.search({ embedding }, k)).map((hit) => ({ articleId: hit.id, ord: ords[hit.entry]!, similarity: hit.score }));
};

/**
 * One in-memory TF-IDF index per tenant, built from that tenant's articles only, so lexical search
 * cannot reach another tenant's text; with it, up to `maxDenseChunks`, the tenant's chunk vectors.
 * Rebuilt after the tenant's knowledge base changes. Past `maxArticles` the index would cost
 * gigabytes and minutes to build (measured: 100k articles did not answer in 120 s at 4 GB), so such
 * a tenant is searched by pgvector alone.
 */
export const createTenantIndexes = (store: Store, { maxArticles, maxDenseChunks, dimension }: TenantIndexLimits) => {
  const build = async (tenantId: string): Promise<TenantIndex> => {
    if ((await store.kb.count(tenantId)) > maxArticles) return { lexical: undefined, dense: undefined, articles: new Map() };
    const [list, chunks] = await Promise.all([
      store.kb.list(tenantId),
      maxDenseChunks > 0 ? store.kb.chunkVectors(tenantId, maxDenseChunks) : null,
    ]);
    const lexical = new LexicalIndex();
    for (const a of list) lexical.add(a.id, `${a.title}\n${a.body}`);
    // Fitted here, so the start-up warm-up that loads the index also fits it rather than leaving that
    // to the first search (measured: 0.9 s of a freshly started kb-retrieval's first batch, while the
    // tickets behind it queued). Intake warms up in the background, so there the fit holds its event
    // loop at start instead of at the first deflection. After a knowledge-base change the index is
    // dropped and the next search loads and fits it.
    lexical.prepare();
    return { lexical, dense: chunks ? inMemory(chunks, dimension) : undefined, articles: new Map(list.map((a) => [a.id, a])) };
  };
  const indexes = createLoadCache(build);
  return { forTenant: indexes.get, invalidate: indexes.invalidate };
};

export type TenantIndexes = ReturnType<typeof createTenantIndexes>;
