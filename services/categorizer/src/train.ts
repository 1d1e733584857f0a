import { TextClassifier } from '@triage/ml';
import type { TextEmbedder } from '@triage/embeddings';
import type { LabeledExample } from '@triage/store';
import type { ModelBundle } from './model-bundle.ts';

export interface TrainCategorizerOptions {
  /** Abstain below the confidence that keeps held-out precision at this level. */
  targetPrecision: number;
}

/** Fewest examples of each kind label before an incident/service-request head is worth training. */
const MIN_KIND_EXAMPLES = 10;

/** Trains the fused category head and, where examples say so, the kind head, embedding each text once. */
export const trainCategorizer = async (
  examples: LabeledExample[],
  embeddings: TextEmbedder,
  options: TrainCategorizerOptions,
): Promise<ModelBundle> => {
  const vectors = await embeddings.embedDocuments(examples.map((e) => e.text));
  const train = (labeled: { text: string; category: string }[], rows: number[][]) =>
    TextClassifier.train(labeled, rows, { mode: 'fused', embedder: embeddings.name, targetPrecision: options.targetPrecision });
  const category = await train(examples, vectors);
  const withKind = examples.flatMap((e, i) => (e.kind ? [{ text: e.text, category: e.kind, vector: vectors[i]! }] : []));
  const kindCounts = new Map<string, number>();
  for (const e of withKind) kindCounts.set(e.category, (kindCounts.get(e.category) ?? 0) + 1);
  const trainKind = kindCounts.size === 2 && [...kindCounts.values()].every((n) => n >= MIN_KIND_EXAMPLES);
  return {
    category,
    kind: trainKind
      ? await train(
          withKind,
          withKind.map((e) => e.vector),
        )
      : undefined,
  };
};
