import { createEmbeddings } from '@triage/embeddings';
import type { TextEmbedder } from '@triage/embeddings';

export const EMBEDDER_CHOICES = ['hashed', 'minilm', 'fused', 'openai'] as const;
export type EmbedderChoice = (typeof EMBEDDER_CHOICES)[number];

export interface EmbedderSettings {
  modelDir: string;
  threads: number;
  /** OPENAI_* environment variables, read by the CLI entrypoint. */
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
}

/**
 * The embedder behind a CLI choice: `hashed` uses hashed n-grams, `minilm` and `fused` MiniLM
 * (falling back to hashed n-grams, with a warning, when its files are missing), `openai` any
 * OpenAI-compatible server configured by OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_EMBEDDING_MODEL
 * and OPENAI_EMBEDDING_DIMENSIONS.
 */
export async function embedderFor(choice: EmbedderChoice, settings: EmbedderSettings): Promise<TextEmbedder> {
  if (choice === 'hashed') return createEmbeddings({ provider: 'hashed' }, settings);
  if (choice === 'openai') {
    const { env } = settings;
    if (!env.OPENAI_API_KEY) throw new Error('--embedder openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a non-OpenAI server)');
    return createEmbeddings(
      {
        provider: 'openai',
        baseURL: env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
        apiKey: env.OPENAI_API_KEY,
        model: env.OPENAI_EMBEDDING_MODEL ?? 'text-embedding-3-small',
        dimensions: Number(env.OPENAI_EMBEDDING_DIMENSIONS ?? 1536),
      },
      settings,
    );
  }
  return createEmbeddings({ provider: 'minilm', dir: settings.modelDir, threads: settings.threads }, settings);
}
