import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashedNgramEmbeddings } from '@triage/embeddings';
import { createPgliteStore, type Store } from '@triage/store';
import { importArticles } from '../src/index.ts';

// Finding 8: widgets render an article's URL as a link on customers' pages.

const embeddings = new HashedNgramEmbeddings();
let store: Store;
beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: embeddings.dimension });
});
afterAll(() => store.close());

const article = (id: string, url?: string) => ({ id, title: `Article ${id}`, body: 'Restart the client.', ...(url ? { url } : {}) });

describe('importArticles', () => {
  it.each(['javascript:alert(document.cookie)', 'JavaScript:void(0)', 'data:text/html,<b>x</b>', 'vbscript:x', '/relative/link'])(
    'refuses %s as an article URL, naming the article, and stores no article of the import',
    async (url) => {
      const tenantId = `t-${Math.random().toString(36).slice(2, 8)}`;
      const articles = [
        article('fine', 'https://kb.example/fine'),
        ...Array.from({ length: 20 }, (_, i) => article(`a${i}`)),
        article('bad', url),
      ];
      await expect(importArticles(articles, { store, embeddings, tenantId, batchSize: 4 })).rejects.toThrow(
        `article "bad" has a "url" that is not an http(s) link: ${JSON.stringify(url)}`,
      );
      expect(await store.kb.count(tenantId)).toBe(0);
    },
  );
});
