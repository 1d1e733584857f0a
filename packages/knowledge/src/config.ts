import { z } from 'zod';

export const RetrievalConfig = z.object({
  RETRIEVAL_DEPTH: z.coerce.number().int().min(3).max(200).default(50).describe('Candidates each retriever contributes before fusion.'),
  // The in-memory lexical index does not scale to 100k articles.
  LEXICAL_MAX_ARTICLES: z.coerce
    .number()
    .int()
    .min(0)
    .default(20_000)
    .describe('Tenants with more articles are searched by pgvector alone, without the in-memory lexical index.'),
  // 10k chunks (about 4k articles) take 15 MB and about 1 ms of the event loop a search here (48k: 5.6 ms).
  DENSE_MEMORY_MAX_CHUNKS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10_000)
    .describe(
      "Tenants with an in-memory lexical index and at most this many article chunks have their chunk vectors searched exactly in memory, without a round trip; larger ones by pgvector's HNSW index. 0 always uses pgvector.",
    ),
  RETRIEVAL_FUSION: z
    .enum(['rrf', 'zscore'])
    .default('rrf')
    .describe('How the lexical and dense rankings are fused: reciprocal ranks, or summed z-scores of their similarities.'),
  // The calibration was fitted on a split of WixQA's training queries.
  ANSWERABILITY_SLOPE: z.coerce
    .number()
    .default(10)
    .describe(
      "Slope of the logistic calibration of the best hit's evidence score (mean of its lexical and dense similarity) into the probability that it answers the question.",
    ),
  ANSWERABILITY_INTERCEPT: z.coerce.number().default(-3).describe('Intercept of that calibration.'),
  SELF_SERVE_MIN_CONFIDENCE: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.7)
    .describe('A question is self-serve (deflectable) when that probability reaches this.'),
  SNIPPET_CHARS: z.coerce.number().int().min(40).max(2_000).default(240).describe('Length of the excerpt shown with each answer.'),
});

export type RetrievalConfig = z.infer<typeof RetrievalConfig>;
