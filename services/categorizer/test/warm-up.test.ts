import { HashedNgramEmbeddings } from '@triage/embeddings';
import { describe, expect, it } from 'vitest';
import type { CategorizerModel } from '../src/model.ts';
import { warmUp } from '../src/warm-up.ts';

describe('warmUp', () => {
  it('embeds real texts in batches of the sizes the stage meets, three at a time, and runs both heads on each', async () => {
    const embedder = new HashedNgramEmbeddings();
    const batches: number[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const embeddings = Object.assign(Object.create(embedder) as HashedNgramEmbeddings, {
      embedDocuments: async (texts: string[]) => {
        batches.push(texts.length);
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return embedder.embedDocuments(texts);
      },
    });
    const seen = { category: [] as string[], kind: 0 };
    const model: CategorizerModel = {
      version: 'test',
      abstainBelow: 0.5,
      predictCategory: (text, embedding) => {
        expect(embedding).toHaveLength(embedder.dimension);
        seen.category.push(text);
        return [{ label: 'a', probability: 1 }];
      },
      predictKind: () => {
        seen.kind++;
        return [{ label: 'incident', probability: 1 }];
      },
    };
    await warmUp(embeddings, model, ['one', 'two', 'three', 'four', 'five']);
    expect(batches).toEqual([1, 1, 1, 3, 3, 3, 16]);
    expect(mostAtOnce).toBe(3);
    expect(seen.category).toHaveLength(28);
    expect(new Set(seen.category)).toEqual(new Set(['one', 'two', 'three', 'four', 'five']));
    expect(seen.kind).toBe(28);
  });
});
