import type { TextEmbedder } from '@triage/embeddings';
import type { CategorizerModel } from './model.ts';

/** Batches as the stage sees them at a low rate (one or a few tickets per partition) and in a backlog. */
const BATCH_SIZES = [1, 1, 1, 3, 3, 3, 16];

/**
 * Runs what a ticket costs, the embedding and the model's heads, on real texts before the first
 * ticket arrives, in batches of the sizes the stage meets and, as three partitions are consumed at
 * once, three at a time. A fresh process pays for compiling these paths on its first few dozen
 * tickets otherwise: at a steady rate those tickets are the cold start's tail.
 */
export const warmUp = async (embeddings: TextEmbedder, model: CategorizerModel, texts: readonly string[]): Promise<void> => {
  let next = 0;
  const batches = BATCH_SIZES.map((size) => {
    const batch = Array.from({ length: size }, (_, i) => texts[(next + i) % texts.length]!);
    next += size;
    return batch;
  });
  for (let i = 0; i < batches.length; i += 3) {
    await Promise.all(
      batches.slice(i, i + 3).map(async (batch) => {
        const vectors = await embeddings.embedDocuments(batch);
        batch.forEach((text, j) => {
          model.predictCategory(text, vectors[j]!);
          model.predictKind?.(text, vectors[j]!);
        });
      }),
    );
  }
};
