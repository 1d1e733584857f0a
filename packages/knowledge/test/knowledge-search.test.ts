import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashedNgramEmbeddings } from '@triage/embeddings';
import { createLogger } from '@triage/runtime';
import { createPgliteStore, type Store } from '@triage/store';
import { importArticles, readKnowledgeBase, RetrievalConfig } from '../src/index.ts';
import { createKnowledgeSearch, searchWarmup } from '../src/knowledge-search-factory.ts';
import { createTenantIndexes } from '../src/tenant-indexes.ts';

const embeddings = new HashedNgramEmbeddings();
let store: Store;

beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: embeddings.dimension });
  const articles = await readKnowledgeBase('data/seed/kb');
  await importArticles(articles, { store, embeddings, tenantId: 'acme' });
  await importArticles(
    articles.map((a) => ({ ...a, id: `other-${a.id}` })),
    { store, embeddings, tenantId: 'other' },
  );
}, 60_000);
afterAll(() => store.close());

describe('knowledge search', () => {
  it("finds the right article among the tenant's own, with snippet and scores", async () => {
    const search = createKnowledgeSearch({ store, embeddings, config: RetrievalConfig.parse({}) });
    const result = await search.search('acme', { text: 'VPN will not connect, error 809 on Windows' });
    expect(result.solutions).toHaveLength(3);
    expect(result.solutions[0]!.articleId).toBe('vpn-wont-connect');
    expect(result.solutions.every((s) => !s.articleId.startsWith('other-') && s.snippet.length > 0 && !s.snippet.includes('**'))).toBe(
      true,
    );
    expect(result.topScore).toBe(result.solutions[0]!.score);
    expect(result.confidence).toBeGreaterThan(0);
  });

  it('searches a knowledge base too large for the in-memory lexical index by pgvector alone', async () => {
    const search = createKnowledgeSearch({ store, embeddings, config: RetrievalConfig.parse({ LEXICAL_MAX_ARTICLES: '5' }) });
    const result = await search.search('acme', { text: 'How do I download my invoices?' });
    expect(result.solutions).toHaveLength(3);
    expect(result.solutions.map((s) => s.articleId)).toContain('download-invoices');
    expect(result.solutions.every((s) => !s.articleId.startsWith('other-'))).toBe(true);
    // Without the index's copy of the articles, the excerpts are still read from the articles themselves.
    for (const { snippet } of result.solutions) expect(snippet).toMatch(/^[A-Z][^#*`]*[.!?:]$/);
  });

  it("builds every tenant's lexical index at start, so no search reads the knowledge base again", async () => {
    const listed: string[] = [];
    const counting: Store = {
      ...store,
      kb: {
        ...store.kb,
        list: (tenantId) => {
          listed.push(tenantId);
          return store.kb.list(tenantId);
        },
      },
    };
    const search = createKnowledgeSearch({ store: counting, embeddings, config: RetrievalConfig.parse({}) });
    await searchWarmup(search, counting, { wait: true, logger: createLogger({ service: 'warmup-test', level: 'error' }) }).start!();
    expect(listed.filter((t) => t === 'acme' || t === 'other').sort()).toEqual(['acme', 'other']);
    const before = listed.length;
    const result = await search.search('other', { text: 'VPN will not connect, error 809 on Windows' });
    expect(result.solutions[0]!.articleId).toBe('other-vpn-wont-connect');
    expect(listed).toHaveLength(before);
  });

  it("loads a tenant's lexical index fitted, so the warm-up leaves no fitting to the first search", async () => {
    const { lexical, articles } = await createTenantIndexes(store, {
      maxArticles: 1_000,
      maxDenseChunks: 1_000,
      dimension: embeddings.dimension,
    }).forTenant('acme');
    expect(articles.size).toBeGreaterThan(0);
    expect(lexical?.size).toBe(articles.size);
    expect(lexical?.ready).toBe(true);
  });

  it('answers from chunk vectors held in memory as it answers from pgvector, without asking pgvector', async () => {
    const dense: string[] = [];
    const counting: Store = {
      ...store,
      kb: {
        ...store.kb,
        searchDense: (tenantId, embedding, k) => {
          dense.push(tenantId);
          return store.kb.searchDense(tenantId, embedding, k);
        },
      },
    };
    const [inMemory, pgvector] = ['10000', '0'].map((max) =>
      createKnowledgeSearch({ store: counting, embeddings, config: RetrievalConfig.parse({ DENSE_MEMORY_MAX_CHUNKS: max }) }),
    );
    const questions = [
      'VPN will not connect, error 809 on Windows',
      'How do I download my invoices?',
      'my password reset email never arrived',
      'printer shows offline',
    ];
    for (const text of questions) {
      const fromMemory = await inMemory!.search('other', { text });
      expect(dense).toEqual([]);
      const fromPgvector = await pgvector!.search('other', { text });
      expect(dense).toEqual(['other']);
      dense.length = 0;
      expect(
        fromMemory.solutions.map((s) => [s.articleId, s.snippet]),
        text,
      ).toEqual(fromPgvector.solutions.map((s) => [s.articleId, s.snippet]));
      for (const [i, s] of fromMemory.solutions.entries()) expect(s.score).toBeCloseTo(fromPgvector.solutions[i]!.score, 2);
      expect(fromMemory.confidence).toBeCloseTo(fromPgvector.confidence, 2);
    }
  });

  it('leaves a tenant with more chunks than the in-memory limit to pgvector', async () => {
    const chunks = (await store.kb.chunkVectors('acme', 10_000))!.length;
    const indexes = (maxDenseChunks: number) =>
      createTenantIndexes(store, { maxArticles: 1_000, maxDenseChunks, dimension: embeddings.dimension }).forTenant('acme');
    expect((await indexes(chunks)).dense).toBeDefined();
    expect((await indexes(chunks - 1)).dense).toBeUndefined();
    expect((await indexes(chunks - 1)).lexical).toBeDefined();
  });

  it('leaves a tenant whose index cannot be built at start to its first search, and still starts', async () => {
    const warnings: unknown[] = [];
    const logger = {
      ...createLogger({ service: 'warmup-test', level: 'error' }),
      warn: (msg: string, fields?: Record<string, unknown>) => void warnings.push({ msg, ...fields }),
    };
    let failing = true;
    const flaky: Store = {
      ...store,
      kb: {
        ...store.kb,
        list: (tenantId) => (tenantId === 'other' && failing ? Promise.reject(new Error('database went away')) : store.kb.list(tenantId)),
      },
    };
    const search = createKnowledgeSearch({ store: flaky, embeddings, config: RetrievalConfig.parse({}) });
    await searchWarmup(search, flaky, { wait: true, logger }).start!();
    expect(warnings).toEqual([expect.objectContaining({ tenantId: 'other' })]);
    failing = false;
    expect((await search.search('other', { text: 'VPN will not connect, error 809 on Windows' })).solutions[0]!.articleId).toBe(
      'other-vpn-wont-connect',
    );
  });
});
