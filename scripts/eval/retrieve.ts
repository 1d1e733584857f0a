import type { TextEmbedder } from '@triage/embeddings';
import {
  DenseIndex,
  HybridRetriever,
  LexicalIndex,
  answerableProbability,
  auroc,
  chunkText,
  evidenceScore,
  fitAnswerability,
  hitAtK,
  recallAtK,
  reciprocalRankAtK,
  stratifiedSplit,
} from '@triage/ml';
import type { AnswerabilityModel, RetrievalQuery, Retriever } from '@triage/ml';
import { InputError } from '@triage/ml';
import { inBatches, progressBar } from './progress.ts';
import type { KbArticle, KbQuery } from './read-kb.ts';

export interface RetrieverScores {
  name: string;
  /** Share of queries with a relevant article ranked first. */
  hitAt1: number;
  /** Share of queries with a relevant article in the top 3. */
  hitAt3: number;
  /** Mean share of each query's relevant articles found in the top 3. */
  recallAt3: number;
  mrrAt10: number;
  /** How well the top score tells answerable queries from unanswerable ones; absent when all are answerable. */
  answerableAuroc: number | undefined;
}

export interface RetrievalResult {
  kind: 'retrieval';
  kbFile: string;
  queriesFile: string;
  embedder: string;
  articles: number;
  chunks: number;
  answerableQueries: number;
  unanswerableQueries: number;
  retrievers: RetrieverScores[];
  /** Logistic fit of P(answerable) on the RRF hybrid's evidence score, over half the queries; scored on the other half. */
  answerability: (AnswerabilityModel & { fittedOn: number; heldOutAuroc: number; heldOutBrier: number }) | undefined;
  timing: { indexSeconds: number; queriesPerSecond: number };
}

/** Texts per embedDocuments call; only sets how often the progress bar moves. */
const CHUNK_BATCH = 16;
const K = 10;

interface System {
  name: string;
  search: (query: RetrievalQuery) => Promise<{ ids: string[]; topScore: number }>;
}

export async function evaluateRetrieval(
  articles: KbArticle[],
  queries: KbQuery[],
  embedder: TextEmbedder,
  files: { kbFile: string; queriesFile: string },
): Promise<RetrievalResult> {
  const answerable = queries.filter((query) => query.relevant.length > 0);
  if (answerable.length === 0) throw new InputError(files.queriesFile, undefined, 'no query has a relevant article');

  let started = performance.now();
  const lexical = new LexicalIndex();
  for (const article of articles) lexical.add(article.id, `${article.title}\n${article.body}`);
  const chunks = articles.flatMap((article) => chunkText(article.title, article.body).map((text) => ({ id: article.id, text })));
  const vectors = await inBatches(chunks, CHUNK_BATCH, progressBar('embedding KB   '), (batch) =>
    embedder.embedDocuments(batch.map((c) => c.text)),
  );
  const dense = new DenseIndex(embedder.dimension);
  chunks.forEach((chunk, i) => {
    dense.add(chunk.id, vectors[i]!);
  });
  const indexSeconds = (performance.now() - started) / 1000;

  const plain =
    (retriever: Retriever): System['search'] =>
    async (query) => {
      const hits = await retriever.search(query, K);
      return { ids: hits.map((hit) => hit.id), topScore: hits[0]?.score ?? 0 };
    };
  const hybrid = (fusion: 'rrf' | 'zscore'): System['search'] => {
    const retriever = new HybridRetriever({ lexical, dense, fusion });
    return async (query) => {
      const hits = await retriever.search(query, K);
      return { ids: hits.map((hit) => hit.id), topScore: evidenceScore(hits[0]) };
    };
  };
  const systems: System[] = [
    { name: 'lexical', search: plain(lexical) },
    { name: 'dense', search: plain(dense) },
    { name: 'hybrid (RRF)', search: hybrid('rrf') },
    { name: 'hybrid (z-score)', search: hybrid('zscore') },
  ];

  started = performance.now();
  const queryVectors = await inBatches(queries, 64, progressBar('embedding query'), (batch) =>
    embedder.embedDocuments(batch.map((q) => q.query)),
  );
  const rows: RetrieverScores[] = [];
  const topScores = new Map<string, number[]>();
  for (const { name, search } of systems) {
    const results = await Promise.all(queries.map((query, i) => search({ text: query.query, embedding: queryVectors[i]! })));
    topScores.set(
      name,
      results.map((result) => result.topScore),
    );
    const scored = queries.flatMap((query, i) =>
      query.relevant.length > 0 ? [{ ranked: results[i]!.ids, relevant: query.relevant }] : [],
    );
    const mean = (f: (q: { ranked: string[]; relevant: string[] }) => number) => scored.reduce((sum, q) => sum + f(q), 0) / scored.length;
    rows.push({
      name,
      hitAt1: mean((q) => hitAtK(q.ranked, q.relevant, 1)),
      hitAt3: mean((q) => hitAtK(q.ranked, q.relevant, 3)),
      recallAt3: mean((q) => recallAtK(q.ranked, q.relevant, 3)),
      mrrAt10: mean((q) => reciprocalRankAtK(q.ranked, q.relevant, 10)),
      answerableAuroc:
        answerable.length < queries.length
          ? auroc(
              results.map((result) => result.topScore),
              queries.map((query) => query.relevant.length > 0),
            )
          : undefined,
    });
  }
  const queriesPerSecond = (queries.length * systems.length) / ((performance.now() - started) / 1000);

  return {
    kind: 'retrieval',
    ...files,
    embedder: embedder.name,
    articles: articles.length,
    chunks: chunks.length,
    answerableQueries: answerable.length,
    unanswerableQueries: queries.length - answerable.length,
    retrievers: rows,
    answerability: answerable.length < queries.length ? fitOnHalf(topScores.get('hybrid (RRF)')!, queries) : undefined,
    timing: { indexSeconds, queriesPerSecond },
  };
}

function fitOnHalf(scores: number[], queries: KbQuery[]): RetrievalResult['answerability'] {
  const answerable = queries.map((query) => query.relevant.length > 0);
  const { train, holdout } = stratifiedSplit(Int32Array.from(answerable, Number), 0.5, 1);
  const model = fitAnswerability(train.map((i) => ({ score: scores[i]!, answerable: answerable[i]! })));
  const probabilities = holdout.map((i) => answerableProbability(model, scores[i]!));
  return {
    ...model,
    fittedOn: train.length,
    heldOutAuroc: auroc(
      probabilities,
      holdout.map((i) => answerable[i]!),
    ),
    heldOutBrier: probabilities.reduce((sum, p, j) => sum + (p - Number(answerable[holdout[j]!])) ** 2, 0) / holdout.length,
  };
}
