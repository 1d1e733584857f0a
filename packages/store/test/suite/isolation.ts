import { describe, expect, it } from 'vitest';
import { article, type StoreContext } from './fixtures.ts';

export const describeIsolation = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('tenant isolation (row-level security)', () => {
    it("never shows one tenant's rows to another, even to a query without a tenant filter", async () => {
      const [a, b] = [await newTenant(), await newTenant()];
      // Identical text and vectors in both tenants; B also has the article closest to the query.
      await context.store.kb.upsert(a, [article('shared', [1, 1, 0, 0])]);
      await context.store.kb.upsert(b, [article('shared', [1, 1, 0, 0]), article('b-only', [1, 0, 0, 0])]);

      expect((await context.store.kb.searchDense(a, [1, 0, 0, 0], 10)).map((h) => h.articleId)).toEqual(['shared']);
      expect((await context.store.kb.list(a)).map((x) => x.id)).toEqual(['shared']);

      // A nearest-chunk search that forgot every tenant filter: the policies still apply one.
      const forgetful = await context.store.sql.transaction(
        async (tx) =>
          (
            await tx.query<{ tenant_id: string; id: string }>(
              'SELECT a.tenant_id, a.id FROM article_chunks c JOIN articles a ON a.id = c.article_id ORDER BY c.embedding <=> $1::vector LIMIT 10',
              ['[1,0,0,0]'],
            )
          ).rows,
        { tenantId: a },
      );
      expect(forgetful).toEqual([{ tenant_id: a, id: 'shared' }]);
      const tenantsSeen = await context.store.sql.transaction(
        async (tx) =>
          (await tx.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM article_chunks UNION SELECT tenant_id FROM articles'))
            .rows,
        { tenantId: a },
      );
      expect(tenantsSeen).toEqual([{ tenant_id: a }]);
    });

    it('keeps the indexes that counts go through searchable under the policies (leakproof conditions only)', async () => {
      const tenantId = await newTenant();
      // With scans other than by index off, an index condition shows which conditions it could search by.
      const plan = async (query: string, params: unknown[]) =>
        (
          await context.store.sql.transaction((tx) => tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query}`, params), {
            tenantId,
            settings: { enable_seqscan: 'off', enable_bitmapscan: 'off' },
          })
        ).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      expect(
        await plan("SELECT count(*) FROM ticket_lifecycle WHERE tenant_id = $1 AND type = 'resolved' AND kb_article_id = $2", [
          tenantId,
          'kb-1',
        ]),
      ).toMatch(/Index Cond: .*kb_article_id = /);
      expect(await plan('SELECT count(*) FROM tickets WHERE tenant_id = $1 AND customer_id = $2', [tenantId, 'c-1'])).toMatch(
        /Index Cond: .*customer_id = /,
      );
      expect(
        await plan("SELECT count(*) FROM ticket_stages WHERE tenant_id = $1 AND stage = 'assess' AND queue = $2 AND priority = $3", [
          tenantId,
          'billing',
          'P1',
        ]),
      ).toMatch(/Index Cond: .*queue = .*priority = /s);
    });

    it('shows no tenant rows outside a tenant transaction and refuses writes for another tenant', async () => {
      const [a, b] = [await newTenant(), await newTenant()];
      await context.store.kb.upsert(a, [article('x', [1, 0, 0, 0])]);
      expect((await context.store.sql.query('SELECT * FROM articles')).rows).toEqual([]);
      expect((await context.store.sql.query('SELECT * FROM tickets')).rows).toEqual([]);
      await expect(
        context.store.sql.transaction(
          (tx) => tx.query("INSERT INTO articles (tenant_id, id, title, body) VALUES ($1, 'y', 't', 'b')", [b]),
          { tenantId: a },
        ),
      ).rejects.toThrow(/row-level security/);
      expect(await context.store.kb.count(b)).toBe(0);
      // Reads through the repositories with another tenant's id find nothing of A's.
      expect(await context.store.tickets.get(b, 'x')).toBeNull();
      await expect(context.store.sql.transaction(async () => {}, { tenantId: '' })).rejects.toThrow('non-empty');
    });
  });
};
