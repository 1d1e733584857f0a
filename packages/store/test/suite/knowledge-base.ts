import { describe, expect, it } from 'vitest';
import { SEARCH_DENSE_SQL } from '../../src/repositories/kb.ts';
import { article, asOwner, DIM, type StoreContext } from './fixtures.ts';

/** mulberry32: a seeded generator, so the vectors (and the index built on them) are the same every run. */
const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export const describeKnowledgeBase = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('knowledge base', () => {
    it('ranks articles by their best chunk with cosine similarity', async () => {
      const tenantId = await newTenant();
      await context.store.kb.upsert(tenantId, [
        article('same', [2, 0, 0, 0]),
        article('diagonal', [1, 1, 0, 0]),
        article('orthogonal', [0, 0, 1, 0]),
        article('opposite', [-1, 0, 0, 0]),
        article('mixed', [0, 1, 0, 0], [3, 1, 0, 0]),
      ]);
      const hits = await context.store.kb.searchDense(tenantId, [1, 0, 0, 0], 5);
      expect(hits.map((h) => h.articleId)).toEqual(['same', 'mixed', 'diagonal', 'orthogonal', 'opposite']);
      expect(hits.map((h) => h.similarity)).toEqual([1, 3 / Math.sqrt(10), Math.SQRT1_2, 0, -1].map((s) => expect.closeTo(s, 6)));
      expect(hits[1]).toEqual({ articleId: 'mixed', ord: 1, similarity: expect.closeTo(3 / Math.sqrt(10), 6) });
      expect((await context.store.kb.searchDense(tenantId, [1, 0, 0, 0], 2)).map((h) => h.articleId)).toEqual(['same', 'mixed']);
    });

    it('replaces an article and its chunks on upsert', async () => {
      const tenantId = await newTenant();
      await context.store.kb.upsert(tenantId, [article('a', [1, 0, 0, 0], [0, 1, 0, 0])]);
      await context.store.kb.upsert(tenantId, [{ ...article('a', [0, 0, 1, 0]), title: 'New title', url: 'https://help.example/a' }]);
      expect(await context.store.kb.list(tenantId)).toEqual([
        { id: 'a', title: 'New title', body: 'Body of a', url: 'https://help.example/a' },
      ]);
      const [hit] = await context.store.kb.searchDense(tenantId, [0, 0, 1, 0], 3);
      expect(hit).toEqual({ articleId: 'a', ord: 0, similarity: expect.closeTo(1, 6) });
      // The old second chunk is gone: it would match this query exactly.
      expect(await context.store.kb.searchDense(tenantId, [0, 1, 0, 0], 3)).toEqual([
        { articleId: 'a', ord: 0, similarity: expect.closeTo(0, 6) },
      ]);
    });

    it('joins each hit to its article when asked, in one statement for the searches of a turn', async () => {
      const [tenantId, other] = [await newTenant(), await newTenant()];
      await context.store.kb.upsert(tenantId, [
        { ...article('same', [2, 0, 0, 0]), url: 'https://help.example/same' },
        article('mixed', [0, 1, 0, 0], [3, 1, 0, 0]),
        article('orthogonal', [0, 0, 1, 0]),
      ]);
      await context.store.kb.upsert(other, [article('same', [1, 0, 0, 0])]);
      const [near, far, elsewhere] = await Promise.all([
        context.store.kb.searchDenseArticles(tenantId, [1, 0, 0, 0], 2),
        context.store.kb.searchDenseArticles(tenantId, [0, 0, 1, 0], 1),
        context.store.kb.searchDenseArticles(other, [0, 0, 1, 0], 3),
      ]);
      const plain = await context.store.kb.searchDense(tenantId, [1, 0, 0, 0], 2);
      expect(near).toEqual([
        { ...plain[0], article: { id: 'same', title: 'Article same', body: 'Body of same', url: 'https://help.example/same' } },
        { ...plain[1], article: { id: 'mixed', title: 'Article mixed', body: 'Body of mixed', url: undefined } },
      ]);
      expect(near[1]).toMatchObject({ articleId: 'mixed', ord: 1 });
      expect(far.map((h) => h.article.id)).toEqual(['orthogonal']);
      expect(elsewhere.map((h) => [h.articleId, h.article.body])).toEqual([['same', 'Body of same']]);
    });

    it("reads a tenant's chunk vectors, its own only, unless there are more than asked for", async () => {
      const [owner, other] = [await newTenant(), await newTenant()];
      await context.store.kb.upsert(owner, [article('b', [0.5, -0.25, 1e-7, 3]), article('a', [1, 0, 0, 0], [0, 1, 0, 0])]);
      await context.store.kb.upsert(other, [article('z', [0, 0, 0, 1])]);
      const expected = [
        { articleId: 'a', ord: 0, embedding: [1, 0, 0, 0] },
        { articleId: 'a', ord: 1, embedding: [0, 1, 0, 0] },
        { articleId: 'b', ord: 0, embedding: [0.5, -0.25, 1e-7, 3] },
      ];
      expect(await context.store.kb.chunkVectors(owner, 3)).toEqual(expected);
      expect(await context.store.kb.chunkVectors(owner, 2)).toBeNull();
      expect(await context.store.kb.chunkVectors(await newTenant(), 0)).toEqual([]);
    });

    it("reads one article by id, its own tenant's only", async () => {
      const [owner, other] = [await newTenant(), await newTenant()];
      await context.store.kb.upsert(owner, [{ ...article('a', [1, 0, 0, 0]), url: 'https://help.example/a' }, article('b', [0, 1, 0, 0])]);
      expect(await context.store.kb.get(owner, 'a')).toEqual({
        id: 'a',
        title: 'Article a',
        body: 'Body of a',
        url: 'https://help.example/a',
      });
      expect(await context.store.kb.get(owner, 'b')).toEqual({ id: 'b', title: 'Article b', body: 'Body of b', url: undefined });
      expect(await context.store.kb.get(owner, 'c')).toBeNull();
      expect(await context.store.kb.get(other, 'a')).toBeNull();
    });

    it("answers reads made at once each with its own article, a repeated id and another tenant's included", async () => {
      const [owner, other] = [await newTenant(), await newTenant()];
      await context.store.kb.upsert(owner, [article('a', [1, 0, 0, 0]), article('b', [0, 1, 0, 0])]);
      await context.store.kb.upsert(other, [{ ...article('a', [0, 0, 1, 0]), body: "The other tenant's a" }]);
      const [a, b, missing, again, othersA] = await Promise.all([
        context.store.kb.get(owner, 'a'),
        context.store.kb.get(owner, 'b'),
        context.store.kb.get(owner, 'c'),
        context.store.kb.get(owner, 'a'),
        context.store.kb.get(other, 'a'),
      ]);
      expect([a?.body, b?.body, missing, again?.body, othersA?.body]).toEqual([
        'Body of a',
        'Body of b',
        null,
        'Body of a',
        "The other tenant's a",
      ]);
    });

    it('searches a large tenant through the HNSW index and finds its nearest articles when another tenant crowds the neighbourhood', async () => {
      const [spread, crowd] = [await newTenant(), await newTenant()];
      const random = seededRandom(7);
      const spreadVectors = Array.from({ length: 2500 }, () => [random() - 0.5, random() - 0.5, random() - 0.5, random() - 0.5]);
      await context.store.kb.upsert(
        spread,
        spreadVectors.map((v, i) => article(`s${i}`, v)),
      );
      // The other tenant's chunks fill a narrow cone around the query, so the index meets them first:
      // without pgvector's iterative scan the filtered search would come back (nearly) empty.
      const nearQuery = () => [1, 0.4 * (random() - 0.5), 0.4 * (random() - 0.5), 0.4 * (random() - 0.5)];
      await context.store.kb.upsert(
        crowd,
        Array.from({ length: 2500 }, (_, i) => article(`c${i}`, nearQuery())),
      );
      await asOwner(context.store.sql, 'ANALYZE article_chunks');

      const query = [1, 0, 0, 0];
      const plan = await context.store.sql.transaction(
        async (tx) => (await tx.query<Record<string, string>>(`EXPLAIN ${SEARCH_DENSE_SQL}`, [spread, [`[${query}]`], 40, 5])).rows,
        { tenantId: spread },
      );
      expect(plan.map((r) => Object.values(r)[0]).join('\n')).toContain('Index Scan using article_chunks_embedding on article_chunks');

      const cosine = (v: number[]) => v[0]! / Math.hypot(...v);
      const exact = spreadVectors.map((v, i) => ({ id: `s${i}`, similarity: cosine(v) })).sort((a, b) => b.similarity - a.similarity);
      const hits = await context.store.kb.searchDense(spread, query, 5);
      expect(hits.map((h) => h.articleId)).toEqual(exact.slice(0, 5).map((e) => e.id));
      expect(hits[0]?.similarity).toBeCloseTo(exact[0]!.similarity, 6);
    });

    it('answers searches started together, each with its own nearest articles, as it answers them one by one', async () => {
      const [tenantId, other] = [await newTenant(), await newTenant()];
      const units = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 1 : 0.1 * j)));
      await context.store.kb.upsert(
        tenantId,
        units.map((u, i) => article(`u${i}`, u)),
      );
      await context.store.kb.upsert(other, [article('elsewhere', units[0]!)]);
      const alone = [];
      for (const u of units) alone.push(await context.store.kb.searchDense(tenantId, u, 2));
      const together = await Promise.all([
        ...units.map((u) => context.store.kb.searchDense(tenantId, u, 2)),
        context.store.kb.searchDense(tenantId, units[1]!, 1),
        context.store.kb.searchDense(other, units[0]!, 2),
      ]);
      expect(together.slice(0, 4)).toEqual(alone);
      expect(together.slice(0, 4).map((hits) => hits[0]?.articleId)).toEqual(['u0', 'u1', 'u2', 'u3']);
      expect(together[4]).toEqual(alone[1]!.slice(0, 1));
      expect(together[5]!.map((h) => h.articleId)).toEqual(['elsewhere']);
    });

    it('rejects embeddings of the wrong dimension', async () => {
      const tenantId = await newTenant();
      await expect(context.store.kb.upsert(tenantId, [article('a', [1, 0, 0])])).rejects.toThrow(
        `embedding has 3 dimensions; the store expects ${DIM}`,
      );
      await expect(context.store.kb.searchDense(tenantId, [1, 0], 3)).rejects.toThrow('embedding has 2 dimensions');
      expect(await context.store.kb.count(tenantId)).toBe(0);
    });
  });
};
