import { z } from 'zod';

export const RetrievalConfig = z.object({
  /** Candidates each retriever contributes before fusion. */
  RETRIEVAL_DEPTH: z.coerce.number().int().min(3).max(200).default(50),
  /** Tenants with more articles are searched by pgvector alone (no in-memory lexical index). */
  LEXICAL_MAX_ARTICLES: z.coerce.number().int().min(0).default(20_000),
  RETRIEVAL_FUSION: z.enum(['rrf', 'zscore']).default('rrf'),
  /**
   * Logistic calibration of "the best article answers it" on the best hit's evidence score
   * (mean of its lexical and dense similarity); fitted on a split of WixQA's training queries.
   */
  ANSWERABILITY_SLOPE: z.coerce.number().default(10),
  ANSWERABILITY_INTERCEPT: z.coerce.number().default(-3),
  /** A question is self-serve (deflectable) when that probability reaches this. */
  SELF_SERVE_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.7),
  SNIPPET_CHARS: z.coerce.number().int().min(40).max(2_000).default(240),
});

export type RetrievalConfig = z.infer<typeof RetrievalConfig>;
