import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/migrate.ts';
import { article, asOwner, DIM, type StoreContext } from './fixtures.ts';

export const describeMigrations = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('migrations', () => {
    it('are applied once, and reopening the database applies nothing again', async () => {
      const tenantId = await newTenant();
      await context.store.kb.upsert(tenantId, [article('kept', [1, 0, 0, 0])]);
      await context.store.close();
      await context.reopen(DIM);
      const applied = await asOwner<{ version: number; name: string }>(
        context.store.sql,
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      expect(applied).toEqual((await loadMigrations()).map(({ version, name }) => ({ version, name })));
      expect(applied[0]).toEqual({ version: 1, name: 'init' });
      expect(await context.store.kb.count(tenantId)).toBe(1);
    });

    it('refuses a store configured for another embedding dimension', async () => {
      await context.store.close();
      await expect(context.reopen(DIM + 1)).rejects.toThrow(
        `stores embeddings as vector(${DIM}) but the store is configured for vector(${DIM + 1})`,
      );
      await context.reopen(DIM);
    });

    it('creates the HNSW cosine index on chunk embeddings', async () => {
      const [index] = await context.store.sql
        .query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_chunks_embedding'")
        .then((r) => r.rows);
      expect(index?.indexdef).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
    });
  });
};
