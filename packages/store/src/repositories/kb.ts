import type { Article, ChunkHit, Store } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { vectorParam } from '../vector.ts';
import { optional } from './rows.ts';
import { sameTurnBatches } from './same-turn-batches.ts';

interface ArticleRow {
  id: string;
  title: string;
  body: string;
  url: string | null;
}

const ARTICLE_COLUMNS = 'id, title, body, url';
const toArticle = (r: ArticleRow): Article => ({ id: r.id, title: r.title, body: r.body, url: optional(r.url) });

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
 * The nearest chunks of each query vector come from the HNSW index (`ORDER BY <=> LIMIT` in a
 * lateral subquery, so the limit stays on an index scan per query, materialized before the rest),
 * then each article keeps its best chunk per query. Only ids, chunk numbers and distances come back:
 * the hybrid search fuses `RETRIEVAL_DEPTH` (50) articles to show three, and reads those three
 * itself (the chunk is cut from its article again by `ord`). Joining title, url and the out-of-line
 * chunk text for all `k` winners took the query from 1.2 to 1.9 ms (p50, k = 50). With pgvector
 * 0.8's relaxed iterative scan the index keeps searching when filtering drops candidates, at the
 * cost of slightly unordered output, which the final sort restores. `$2` holds the queries; rows
 * come back by `query_number` (1-based), best first.
 */
export const SEARCH_DENSE_SQL = `
  WITH queries AS MATERIALIZED (
    -- text[] rather than vector[]: every driver sends a text array; not every one knows the type of an
    -- extension's array. Materialized, so each query is parsed once rather than at every comparison.
    SELECT query::vector AS query, query_number FROM unnest($2::text[]) WITH ORDINALITY AS q(query, query_number)
  ), nearest AS MATERIALIZED (
    SELECT queries.query_number, hit.article_id, hit.ord, hit.distance
    FROM queries CROSS JOIN LATERAL (
      SELECT article_id, ord, embedding <=> queries.query AS distance
      FROM article_chunks
      WHERE tenant_id = $1
      ORDER BY embedding <=> queries.query
      LIMIT $3
    ) hit
  ), best AS (
    SELECT DISTINCT ON (query_number, article_id) query_number, article_id, ord, distance
    FROM nearest ORDER BY query_number, article_id, distance
  ), top AS (
    SELECT query_number, article_id, ord, distance, row_number() OVER (PARTITION BY query_number ORDER BY distance, article_id) AS place
    FROM best
  )
  SELECT query_number, article_id, ord, 1 - distance AS similarity
  FROM top
  WHERE place <= $4
  ORDER BY query_number, distance, article_id`;

/**
 * The same search with each hit's article joined: where the hits are the answers shown (a knowledge
 * base searched by pgvector alone), reading them is not a second round trip.
 */
export const SEARCH_DENSE_ARTICLES_SQL = `
  WITH hits AS (${SEARCH_DENSE_SQL})
  SELECT hits.query_number, hits.article_id, hits.ord, hits.similarity, a.title, a.body, a.url
  FROM hits JOIN articles a ON a.tenant_id = $1 AND a.id = hits.article_id
  ORDER BY hits.query_number, hits.similarity DESC, hits.article_id`;

/** Counts a customer's verdict on an article in the caller's transaction; an article deleted since it was shown counts nothing. */
export const addVote = async (tx: Sql, tenantId: string, articleId: string, helpful: boolean): Promise<void> => {
  await tx.query(
    `UPDATE articles SET helpful_votes = helpful_votes + $3, unhelpful_votes = unhelpful_votes + $4
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, articleId, helpful ? 1 : 0, helpful ? 0 : 1],
  );
};

export const kbRepository = (sql: Sql, { embeddingDim, iterativeScan }: KbOptions): Store['kb'] => {
  type SearchKey = { tenantId: string; k: number };
  type HitRow = { query_number: string | number; article_id: string; ord: number; similarity: number };
  const idOf = ({ tenantId, k }: SearchKey) => `${k}:${tenantId}`;
  /** The calls of one turn for one tenant and `k`, as one statement of `text` whose rows `toHit` reads. */
  const batchedSearch = <R extends HitRow, H>(text: string, toHit: (row: R) => H) =>
    sameTurnBatches(idOf, async ({ tenantId, k }: SearchKey, queries: string[]): Promise<H[][]> => {
      const candidates = k * CHUNKS_PER_ARTICLE;
      const settings: Record<string, string> = {
        'hnsw.ef_search': String(Math.min(MAX_EF_SEARCH, Math.max(MIN_EF_SEARCH, candidates))),
        // Planned for each batch: whether the index or an exact scan is cheaper depends on the limit.
        plan_cache_mode: 'force_custom_plan',
      };
      if (iterativeScan) settings['hnsw.iterative_scan'] = 'relaxed_order';
      const { rows } = await sql.oneTrip<R>([{ text, params: [tenantId, queries, candidates, k] }], { tenantId, settings });
      const hits = queries.map((): H[] => []);
      for (const r of rows) hits[Number(r.query_number) - 1]!.push(toHit(r));
      return hits;
    });
  const toChunkHit = (r: HitRow): ChunkHit => ({ articleId: r.article_id, ord: r.ord, similarity: r.similarity });
  const searches = batchedSearch(SEARCH_DENSE_SQL, toChunkHit);
  const articleSearches = batchedSearch(SEARCH_DENSE_ARTICLES_SQL, (r: HitRow & ArticleRow) => ({
    ...toChunkHit(r),
    article: toArticle({ ...r, id: r.article_id }),
  }));
  const checkedQuery = (embedding: number[], k: number): string => {
    if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
    return vectorParam(embedding, embeddingDim);
  };

  // A search shows three articles and reads them at once: one statement for the three.
  const reads = sameTurnBatches(
    (tenantId: string) => tenantId,
    async (tenantId, ids: string[]): Promise<(Article | null)[]> => {
      const { rows } = await sql.oneTrip<ArticleRow>(
        [{ text: `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE tenant_id = $1 AND id = ANY($2::text[])`, params: [tenantId, ids] }],
        { tenantId },
      );
      const byId = new Map(rows.map((r) => [r.id, toArticle(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    },
  );

  return {
    upsert: async (tenantId, articles) => {
      const ids = articles.map((a) => a.id);
      const seen = new Set<string>();
      const duplicate = ids.find((id) => seen.size === seen.add(id).size);
      if (duplicate !== undefined) throw new Error(`article ${duplicate} appears twice in one upsert`);
      const chunks = articles.flatMap((a) =>
        a.chunks.map((c, ord) => ({ articleId: a.id, ord, text: c.text, embedding: vectorParam(c.embedding, embeddingDim) })),
      );
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

    searchDense: async (tenantId, embedding, k) => searches({ tenantId, k }, checkedQuery(embedding, k)),

    searchDenseArticles: async (tenantId, embedding, k) => articleSearches({ tenantId, k }, checkedQuery(embedding, k)),

    chunkVectors: async (tenantId, max) => {
      // One past the most wanted tells a knowledge base that is too large without counting it first.
      const { rows } = await sql.oneTrip<{ article_id: string; ord: number; embedding: string }>(
        [
          {
            text: 'SELECT article_id, ord, embedding::text AS embedding FROM article_chunks WHERE tenant_id = $1 ORDER BY article_id, ord LIMIT $2',
            params: [tenantId, max + 1],
          },
        ],
        { tenantId },
      );
      if (rows.length > max) return null;
      // pgvector's text form, [x,y,...], is a JSON array.
      return rows.map((r) => ({ articleId: r.article_id, ord: r.ord, embedding: JSON.parse(r.embedding) as number[] }));
    },

    list: (tenantId) =>
      sql.transaction(
        async (tx): Promise<Article[]> => {
          const { rows } = await tx.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE tenant_id = $1 ORDER BY id`, [
            tenantId,
          ]);
          return rows.map(toArticle);
        },
        { tenantId },
      ),

    get: reads,

    count: (tenantId) =>
      sql.transaction(
        async (tx) => {
          const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM articles WHERE tenant_id = $1', [tenantId]);
          return rows[0]?.n ?? 0;
        },
        { tenantId },
      ),
  };
};
