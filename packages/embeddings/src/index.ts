export { inLane, type EmbeddingLane, type TextEmbedder } from './types.ts';
export { loadMiniLm, ModelFilesMissingError, MINILM_FILES } from './minilm.ts';
// A type only: an embedder is made by loadMiniLm, which starts its worker threads.
export type { MiniLmEmbeddings, MiniLmOptions } from './minilm.ts';
export { HashedNgramEmbeddings } from './hashed.ts';
export type { HashedNgramOptions } from './hashed.ts';
export { OpenAiCompatibleEmbeddings } from './openai.ts';
export type { OpenAiCompatibleOptions } from './openai.ts';
export { createEmbeddings } from './create.ts';
export type { CreateEmbeddingsOptions, EmbeddingsConfig } from './create.ts';
export { EmbeddingsEnv } from './env.ts';
