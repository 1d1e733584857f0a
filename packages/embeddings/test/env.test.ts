import { describe, expect, it } from 'vitest';
import { EmbeddingsEnv, createEmbeddings } from '@triage/embeddings';

describe('EmbeddingsEnv', () => {
  it('defaults to MiniLM from the repository’s model folder on two worker threads', () => {
    expect(EmbeddingsEnv.parse({})).toMatchObject({
      provider: 'minilm',
      threads: 2,
      dir: expect.stringMatching(/\.models\/all-minilm-l6-v2-q$/),
    });
  });

  it('configures the hashed and OpenAI-compatible embedders', async () => {
    const hashed = EmbeddingsEnv.parse({ EMBEDDER: 'hashed', EMBEDDING_DIM: '128' });
    expect(hashed).toEqual({ provider: 'hashed', dimension: 128 });
    expect((await createEmbeddings(hashed, { warn: () => {} })).dimension).toBe(128);
    expect(EmbeddingsEnv.parse({ EMBEDDER: 'openai', OPENAI_BASE_URL: 'http://localhost:1/v1', OPENAI_API_KEY: 'k' })).toEqual({
      provider: 'openai',
      baseURL: 'http://localhost:1/v1',
      apiKey: 'k',
      model: 'text-embedding-3-small',
      dimensions: 384,
    });
  });

  it('refuses openai without its address and key, and unknown embedders', () => {
    expect(() => EmbeddingsEnv.parse({ EMBEDDER: 'openai' })).toThrow(/EMBEDDER=openai needs OPENAI_BASE_URL and OPENAI_API_KEY/);
    expect(() => EmbeddingsEnv.parse({ EMBEDDER: 'bert' })).toThrow();
  });
});
