import { describe, expect, it } from 'vitest';
import { HashedNgramEmbeddings } from '@triage/embeddings';

const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('HashedNgramEmbeddings', () => {
  const embedder = new HashedNgramEmbeddings();

  it('has MiniLM’s dimension by default and says what it is', () => {
    expect(embedder.dimension).toBe(384);
    expect(embedder.name).toBe('hashed-ngrams-384');
    expect(new HashedNgramEmbeddings({ dimension: 64 }).dimension).toBe(64);
  });

  it('is deterministic across calls and instances', async () => {
    const [a] = await embedder.embedDocuments(['My card has not arrived']);
    expect(await new HashedNgramEmbeddings().embedQuery('My card has not arrived')).toEqual(a);
  });

  it('returns unit vectors, and a zero vector for text without words', async () => {
    const [vector, empty] = await embedder.embedDocuments(['reset my password please', '?!']);
    expect(vector).toHaveLength(384);
    expect(dot(vector!, vector!)).toBeCloseTo(1, 10);
    expect(empty!.every((v) => v === 0)).toBe(true);
  });

  it('puts texts that share words closer than texts that do not', async () => {
    const [a, b, c] = await embedder.embedDocuments(['refund my last order', 'I want a refund for my order', 'the app crashes on login']);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!));
  });

  it('rejects a bad dimension', () => {
    expect(() => new HashedNgramEmbeddings({ dimension: 0 })).toThrow(/positive integer/);
  });
});
