import { HashedNgramEmbeddings } from './hashed.ts';
import { loadMiniLm, ModelFilesMissingError } from './minilm.ts';
import type { MiniLmOptions } from './minilm.ts';
import { OpenAiCompatibleEmbeddings } from './openai.ts';
import type { OpenAiCompatibleOptions } from './openai.ts';
import type { TextEmbedder } from './types.ts';

export type EmbeddingsConfig =
  | ({ provider: 'minilm' } & MiniLmOptions)
  | { provider: 'hashed'; dimension?: number }
  | ({ provider: 'openai' } & OpenAiCompatibleOptions);

export interface CreateEmbeddingsOptions {
  /** Told when the configured embedder cannot be used and a fallback is. */
  warn: (message: string) => void;
}

/** Builds the configured embedder. Never downloads: a missing MiniLM model falls back to hashed n-grams. */
export async function createEmbeddings(config: EmbeddingsConfig, options: CreateEmbeddingsOptions): Promise<TextEmbedder> {
  switch (config.provider) {
    case 'hashed':
      return new HashedNgramEmbeddings(config.dimension === undefined ? {} : { dimension: config.dimension });
    case 'openai':
      return new OpenAiCompatibleEmbeddings(config);
    case 'minilm':
      try {
        return await loadMiniLm(config);
      } catch (error) {
        if (!(error instanceof ModelFilesMissingError)) throw error;
        const fallback = new HashedNgramEmbeddings();
        options.warn(`${error.message}. Using the ${fallback.name} embedder instead; its vectors are not comparable with MiniLM's.`);
        return fallback;
      }
  }
}
