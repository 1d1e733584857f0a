import type { Article, ChunkHit, Sql, Store } from '../types.ts';
import { vectorParam } from '../vector.ts';
import { optional } from './rows.ts';

export interface KbOptions {
  embeddingDim: number;
  iterativeScan: boolean;
}

/** Chunks fetched per wanted article: an article's best chunk competes with its own other chunks. */
const CHUNKS_PER_ARTICLE = 8;
/** pgvector's default candidate list; raised when more chunks are wanted, capped at its maximum. */
const MIN_EF_SEARCH = 40;
const MAX_EF_SEARCH = 1000;

/**
 * The nearest chunks come from the HNSW index (`ORDER BY <=> LIMIT` in a materialized CTE, so the
 * limit stays on the index scan), then each article keeps its best chunk. Only ids and distances
 * are carried through the ranking; text, title and url are read for the `k` winners alone. With
 * pgvector 0.8's relaxed iterative scan the index keeps searching when filtering drops
 * candidates, at the cost of slightly unordered output, which the final sort restores.
 */
export const SEARCH_DENSE_SQL = `
  WITH nearest AS MATERIALIZED (
    SELECT article_id, ord, embedding <=> $2::vector AS distance
    FROM article_chunks
    WHERE tenant_id = $1
    ORDER BY embedding <=> $2::vector
    LIMIT $3
  ), best AS (
    SELECT DISTINCT ON (article_id) article_id, ord, distance FROM nearest ORDER BY article_id, distance
  ), top AS (
    SELECT article_id, ord, distance FROM best ORDER BY distance, article_id LIMIT $4
  )
  SELECT a.id, a.title, a.url, c.text, 1 - top.distance AS similarity
  FROM top
  JOIN articles a ON a.tenant_id = $1 AND a.id = top.article_id
  JOIN article_chunks c ON c.tenant_id = $1 AND c.article_id = top.article_id AND c.ord = top.ord
  ORDER BY top.distance, a.id`;

export const kbRepository = (sql: Sql, { embeddingDim, iterativeScan }: KbOptions): Store['kb'] => ({
  upsert: async (tenantId, articles) => {
    const ids = articles.map((a) => a.id);
    const seen = new Set<string>();
    const duplicate = ids.find((id) => seen.size === seen.add(id).size);
    if (duplicate !== undefined) throw new Error(`article ${duplicate} appears twice in one upsert`);
    const chunks = articles.flatMap((a) => a.chunks.map((c, ord) => ({ articleId: a.id, ord, text: c.text, embedding: vectorParam(c.embedding, embeddingDim) })));
    // Three set-based statements whatever the number of articles: imports are bound by the index, not round trips.
    await sql.transaction(
      async (tx) => {
        await tx.query(
          `INSERT INTO articles (tenant_id, id, title, body, url)
           SELECT $1, a.id, a.title, a.body, a.url FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS a(id, title, body, url)
           ON CONFLICT (tenant_id, id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, url = EXCLUDED.url, updated_at = now()`,
          [tenantId, ids, articles.map((a) => a.title), articles.map((a) => a.body), articles.map((a) => a.url ?? null)],
        );
        await tx.query('DELETE FROM article_chunks WHERE tenant_id = $1 AND article_id = ANY($2::text[])', [tenantId, ids]);
        await tx.query(
          `INSERT INTO article_chunks (tenant_id, article_id, ord, text, embedding)
           SELECT $1, c.article_id, c.ord, c.text, c.embedding::vector FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS c(article_id, ord, text, embedding)`,
          [tenantId, chunks.map((c) => c.articleId), chunks.map((c) => c.ord), chunks.map((c) => c.text), chunks.map((c) => c.embedding)],
        );
      },
      { tenantId },
    );
  },

  searchDense: async (tenantId, embedding, k) => {
    if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
    const query = vectorParam(embedding, embeddingDim);
    const candidates = k * CHUNKS_PER_ARTICLE;
    const settings: Record<string, string> = {
      'hnsw.ef_search': String(Math.min(MAX_EF_SEARCH, Math.max(MIN_EF_SEARCH, candidates))),
      // Planned for each query vector and limit: whether the index or an exact scan is cheaper depends on them.
      plan_cache_mode: 'force_custom_plan',
    };
    if (iterativeScan) settings['hnsw.iterative_scan'] = 'relaxed_order';
    return sql.transaction(
      async (tx): Promise<ChunkHit[]> => {
        const { rows } = await tx.query<{ id: string; title: string; url: string | null; text: string; similarity: number }>(SEARCH_DENSE_SQL, [
          tenantId,
          query,
          candidates,
          k,
        ]);
        return rows.map((r) => ({ articleId: r.id, title: r.title, url: optional(r.url), chunk: r.text, similarity: r.similarity }));
      },
      { tenantId, settings },
    );
  },

  list: (tenantId) =>
    sql.transaction(
      async (tx): Promise<Article[]> => {
        const { rows } = await tx.query<{ id: string; title: string; body: string; url: string | null }>(
          'SELECT id, title, body, url FROM articles WHERE tenant_id = $1 ORDER BY id',
          [tenantId],
        );
        return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, url: optional(r.url) }));
      },
      { tenantId },
    ),

  count: (tenantId) =>
    sql.transaction(
      async (tx) => {
        const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM articles WHERE tenant_id = $1', [tenantId]);
        return rows[0]?.n ?? 0;
      },
      { tenantId },
    ),

  recordVote: (tenantId, articleId, helpful) =>
    sql.transaction(
      async (tx) => {
        const { rows } = await tx.query(
          `UPDATE articles SET helpful_votes = helpful_votes + $3, unhelpful_votes = unhelpful_votes + $4
           WHERE tenant_id = $1 AND id = $2 RETURNING id`,
          [tenantId, articleId, helpful ? 1 : 0, helpful ? 0 : 1],
        );
        if (!rows.length) throw new Error(`tenant ${tenantId} has no article ${articleId}`);
      },
      { tenantId },
    ),
});
