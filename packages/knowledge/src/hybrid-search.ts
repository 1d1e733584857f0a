import type { Solution } from '@triage/contracts';
import type { TextEmbedder } from '@triage/embeddings';
import { answerableProbability, evidenceScore, type HybridHit, HybridRetriever, type LexicalIndex, type Retriever } from '@triage/ml';
import type { Article, Store } from '@triage/store';
import type { RetrievalConfig } from './config.ts';
import { cachedExcerpts } from './excerpts.ts';
import type { KnowledgeSearch } from './knowledge-search.ts';
import type { TenantIndex, TenantIndexes } from './tenant-indexes.ts';

export interface HybridSearchDeps {
  store: Store;
  embeddings: TextEmbedder;
  indexes: TenantIndexes;
  config: RetrievalConfig;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
/** Solutions a search returns. */
const TOP = 3;

/** A hit to show, with its article (null when it no longer exists) and the chunk that matched, when known. */
interface Shown {
  hit: HybridHit;
  article: Article | null;
  ord: number | undefined;
}

/** A retriever whose answer for `text` is already being computed: its `search` hands that answer over. */
const scoredAhead = (index: LexicalIndex, text: string, depth: number): Retriever => {
  const hits = index.search({ text }, depth);
  hits.catch(() => undefined);
  return { search: () => hits };
};

/**
 * Top-3 articles by reciprocal-rank fusion of lexical TF-IDF (wins on product names and error
 * codes) and dense search over MiniLM chunk vectors (wins on paraphrase): in memory for a small
 * knowledge base, else pgvector. Fused ranks order the list; the best hit's raw similarities,
 * calibrated, say whether it answers at all.
 */
export const createHybridSearch = (deps: HybridSearchDeps): KnowledgeSearch => {
  const excerptFor = cachedExcerpts(deps.config.SNIPPET_CHARS);
  const depth = Math.max(TOP, deps.config.RETRIEVAL_DEPTH);

  const fused = async (tenantId: string, text: string, embedding: Promise<number[]>, tenant: TenantIndex, index: LexicalIndex) => {
    const lexical = scoredAhead(index, text, depth);
    const nearestChunks = tenant.dense ?? ((vector: number[], k: number) => deps.store.kb.searchDense(tenantId, vector, k));
    const bestChunk = new Map<string, number>();
    const dense = {
      search: async (_q: unknown, k: number) => {
        const hits = await nearestChunks(await embedding, k);
        for (const h of hits) bestChunk.set(h.articleId, h.ord);
        return hits.map((h) => ({ id: h.articleId, score: h.similarity }));
      },
    };
    const hits = await new HybridRetriever({ lexical, dense, depth, fusion: deps.config.RETRIEVAL_FUSION }).search(
      { text, embedding: await embedding },
      TOP,
    );
    // Dense search names only the chunk that matched: reading the text of all the candidates it ranks
    // took two fifths of its time, for three shown. Those three come from the lexical index's copy,
    // else from the store (an article imported since it was built); one that no longer exists is left out.
    const read = await Promise.all(hits.map((hit) => tenant.articles.get(hit.id) ?? deps.store.kb.get(tenantId, hit.id)));
    return hits.map((hit, i): Shown => ({ hit, article: read[i] ?? null, ord: bestChunk.get(hit.id) }));
  };

  // A knowledge base too large for the lexical index: the three nearest are the answers, read in the
  // same statement. Their cosine stands in for both similarities in the evidence score.
  const denseOnly = async (tenantId: string, embedding: Promise<number[]>) =>
    (await deps.store.kb.searchDenseArticles(tenantId, await embedding, TOP)).map(
      ({ articleId, similarity, ord, article }): Shown => ({
        hit: { id: articleId, score: similarity, lexicalScore: similarity, denseScore: similarity },
        article,
        ord,
      }),
    );

  return {
    async search(tenantId, query) {
      // Sent to a worker thread now, so the lexical side is scored while the question is embedded.
      const embedding = query.embedding ? Promise.resolve(query.embedding) : deps.embeddings.embedQuery(query.text);
      // Awaited below; handled here too, so that a failure before that point does not leave it unhandled.
      embedding.catch(() => undefined);
      const tenant = await deps.indexes.forTenant(tenantId);
      const shown = tenant.lexical
        ? await fused(tenantId, query.text, embedding, tenant, tenant.lexical)
        : await denseOnly(tenantId, embedding);
      const solutions: Solution[] = shown.flatMap(({ hit, article, ord }) => {
        if (!article) return [];
        const { title, url } = article;
        return [{ articleId: hit.id, title, snippet: excerptFor(article, ord), ...(url ? { url } : {}), score: round(evidenceScore(hit)) }];
      });
      const topScore = round(evidenceScore(shown[0]?.hit));
      const confidence = round(
        answerableProbability({ slope: deps.config.ANSWERABILITY_SLOPE, intercept: deps.config.ANSWERABILITY_INTERCEPT }, topScore),
      );
      return { solutions, topScore, confidence, selfServe: solutions.length > 0 && confidence >= deps.config.SELF_SERVE_MIN_CONFIDENCE };
    },
  };
};
