import { chunkText } from '@triage/ml';
import { inLane, type TextEmbedder } from '@triage/embeddings';
import type { Store } from '@triage/store';
import type { KbFileArticle } from './kb-files.ts';
import { isWebUrl, notWebUrl } from './web-url.ts';

export interface ImportOptions {
  store: Store;
  embeddings: TextEmbedder;
  tenantId: string;
  /** Articles embedded per round trip; long passages at large batches cost a lot of memory. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Chunks, embeds and stores articles for a tenant (replacing ones with the same id). Stores nothing
 * when an article's URL is not an http(s) link.
 */
export const importArticles = async (articles: KbFileArticle[], options: ImportOptions): Promise<{ articles: number; chunks: number }> => {
  const batchSize = options.batchSize ?? 16;
  for (const { id, url } of articles) if (url !== undefined && !isWebUrl(url)) throw new Error(notWebUrl(id, url));
  await options.store.tenants.ensure(options.tenantId);
  // An import takes minutes of the same worker threads that answer deflection queries and embed tickets: it takes what they leave.
  const embeddings = inLane(options.embeddings, 'bulk');
  let chunks = 0;
  for (let start = 0; start < articles.length; start += batchSize) {
    const batch = articles.slice(start, start + batchSize);
    const texts = batch.map((a) => chunkText(a.title, a.body));
    const vectors = await embeddings.embedDocuments(texts.flat());
    let next = 0;
    await options.store.kb.upsert(
      options.tenantId,
      batch.map((a, i) => ({
        ...a,
        chunks: texts[i]!.map((text) => ({ text, embedding: vectors[next++]! })),
      })),
    );
    chunks += next;
    options.onProgress?.(start + batch.length, articles.length);
  }
  return { articles: articles.length, chunks };
};
