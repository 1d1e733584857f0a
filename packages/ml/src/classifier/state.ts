import { z } from 'zod';
import type { TfidfVectorizer } from '../features/tfidf.ts';
import type { SoftmaxWeights } from '../softmax/softmax.ts';

/** `tfidf`: TF-IDF head alone; `embedding`: embedding head alone; `fused`: both, log-probabilities averaged. */
export type ClassifierMode = 'tfidf' | 'embedding' | 'fused';

export const HeadReport = z.object({
  /** The C chosen on the held-out split. */
  c: z.number(),
  holdoutAccuracy: z.number(),
  /** L-BFGS iterations of the final fit. */
  iterations: z.number(),
});
export type HeadReport = z.infer<typeof HeadReport>;

/** What training measured on its held-out split; stored with the model. */
export const TrainingReport = z.object({
  examples: z.number(),
  holdoutExamples: z.number(),
  targetPrecision: z.number(),
  holdoutAccuracy: z.number(),
  /** Share of held-out examples answered (not abstained on) at the chosen threshold. */
  holdoutCoverage: z.number(),
  /** Accuracy of the answered held-out examples. */
  holdoutPrecision: z.number(),
  /** Expected calibration error after temperature scaling. */
  holdoutEce: z.number(),
  heads: z.record(z.string(), HeadReport),
  trainSeconds: z.number(),
});
export type TrainingReport = z.infer<typeof TrainingReport>;

export interface ClassifierState {
  mode: ClassifierMode;
  /** Category names; class k of every head is labels[k]. */
  labels: string[];
  tfidf: { vectorizer: TfidfVectorizer; weights: SoftmaxWeights } | undefined;
  /** `embedder` names the vector space the head was trained in. */
  embedding: { embedder: string; weights: SoftmaxWeights } | undefined;
  temperature: number;
  /** Abstain when the calibrated top probability is below this. */
  threshold: number;
  report: TrainingReport;
}
