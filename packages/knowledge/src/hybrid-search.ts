import type { Solution } from '@triage/contracts';
import type { TextEmbedder } from '@triage/embeddings';
import { answerableProbability, evidenceScore, HybridRetriever, type LexicalIndex, type Retriever } from '@triage/ml';
import type { Store } from '@triage/store';
import type { RetrievalConfig } from './config.ts';
import { cachedExcerpts } from './excerpts.ts';
import type { KnowledgeSearch } from './knowledge-search.ts';
import type { TenantIndexes } from './tenant-indexes.ts';

export interface HybridSearchDeps {
  store: Store;
  embeddings: TextEmbedder;
  indexes: TenantIndexes;
  config: RetrievalConfig;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
/** Solutions a search returns. */
const TOP = 3;

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
  return {
    async search(tenantId, query) {
      // Sent to a worker thread now, so the lexical side below is scored while the question is embedded.
      const embedding = query.embedding ? Promise.resolve(query.embedding) : deps.embeddings.embedQuery(query.text);
      // Awaited below; handled here too, so that a failure before that point does not leave it unhandled.
      embedding.catch(() => undefined);
      const { lexical: index, dense: inMemory, articles } = await deps.indexes.forTenant(tenantId);
      const nearestChunks = inMemory ?? ((vector: number[], k: number) => deps.store.kb.searchDense(tenantId, vector, k));
      const bestChunk = new Map<string, number>();
      const dense = {
        search: async (_q: unknown, k: number) => {
          const hits = await nearestChunks(await embedding, k);
          for (const h of hits) bestChunk.set(h.articleId, h.ord);
          return hits.map((h) => ({ id: h.articleId, score: h.similarity }));
        },
      };
      const depth = Math.max(TOP, deps.config.RETRIEVAL_DEPTH);
      const lexical = index && scoredAhead(index, query.text, depth);
      const hits = lexical
        ? await new HybridRetriever({ lexical, dense, depth, fusion: deps.config.RETRIEVAL_FUSION }).search(
            { text: query.text, embedding: await embedding },
            TOP,
          )
        : // Dense only: its cosine stands in for both similarities in the evidence score.
          (await dense.search(query, TOP)).map((h) => ({ ...h, lexicalScore: h.score, denseScore: h.score }));
      // Dense search names only the chunk that matched: reading the text of all the candidates it ranks
      // took two fifths of its time, for three shown. Those three come from the lexical index's copy,
      // else from the store (a knowledge base too large for the index, or an article imported since it
      // was built); one that no longer exists is left out.
      const read = await Promise.all(hits.map((hit) => articles.get(hit.id) ?? deps.store.kb.get(tenantId, hit.id)));
      const solutions: Solution[] = hits.flatMap((hit, i) => {
        const article = read[i];
        if (!article) return [];
        const snippet = excerptFor(article, bestChunk.get(hit.id));
        const { title, url } = article;
        return [{ articleId: hit.id, title, snippet, ...(url ? { url } : {}), score: round(evidenceScore(hit)) }];
      });
      const topScore = round(evidenceScore(hits[0]));
      const confidence = round(
        answerableProbability({ slope: deps.config.ANSWERABILITY_SLOPE, intercept: deps.config.ANSWERABILITY_INTERCEPT }, topScore),
      );
      return { solutions, topScore, confidence, selfServe: solutions.length > 0 && confidence >= deps.config.SELF_SERVE_MIN_CONFIDENCE };
    },
  };
};
