import { createHash } from 'node:crypto';
import { Embeddings } from '@langchain/core/embeddings';
import OpenAI from 'openai';
import { LruCache } from './lru-cache.ts';

export interface OpenAiCompatibleOptions {
  /** e.g. https://api.openai.com/v1, or a local server's /v1 (Ollama, vLLM, LM Studio). */
  baseURL: string;
  apiKey: string;
  model: string;
  /** Vector length; sent to the server and checked on every returned vector. */
  dimensions: number;
  /** Texts per request; default 64. */
  batchSize?: number;
  /** Retries of a failed request (connection errors, 408, 409, 429, 5xx) with exponential backoff; default 3. */
  maxRetries?: number;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** Vectors kept in memory by text hash; default 10,000. 0 disables the cache. */
  cacheSize?: number;
}

/** Any server that speaks OpenAI's `/v1/embeddings`: batched, retried, cached by text hash. */
export class OpenAiCompatibleEmbeddings extends Embeddings {
  readonly name: string;
  readonly dimension: number;
  readonly #client: OpenAI;
  readonly #model: string;
  readonly #batchSize: number;
  readonly #cache: LruCache<string, number[]>;

  constructor(options: OpenAiCompatibleOptions) {
    super({});
    if (!options.model) throw new Error('an embedding model name is required');
    if (!Number.isInteger(options.dimensions) || options.dimensions < 1) {
      throw new Error(`dimensions must be a positive integer, got ${options.dimensions}`);
    }
    this.#client = new OpenAI({
      baseURL: options.baseURL,
      apiKey: options.apiKey,
      maxRetries: options.maxRetries ?? 3,
      timeout: options.timeoutMs ?? 30_000,
    });
    this.#model = options.model;
    this.#batchSize = options.batchSize ?? 64;
    this.#cache = new LruCache(options.cacheSize ?? 10_000);
    this.dimension = options.dimensions;
    this.name = `openai:${options.model}:${options.dimensions}`;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0]!;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const keys = texts.map(textKey);
    const vectors: (number[] | undefined)[] = keys.map((key) => this.#cache.get(key));
    // Each distinct uncached text is sent once, however often it repeats.
    const pending = new Map<string, string>();
    keys.forEach((key, i) => {
      if (vectors[i] === undefined) pending.set(key, texts[i]!);
    });
    const pendingKeys = [...pending.keys()];
    const fetched = new Map<string, number[]>();
    for (let start = 0; start < pendingKeys.length; start += this.#batchSize) {
      const batchKeys = pendingKeys.slice(start, start + this.#batchSize);
      const embedded = await this.#request(batchKeys.map((key) => pending.get(key)!));
      batchKeys.forEach((key, i) => {
        fetched.set(key, embedded[i]!);
        this.#cache.set(key, embedded[i]!);
      });
    }
    return keys.map((key, i) => vectors[i] ?? fetched.get(key)!);
  }

  async #request(input: string[]): Promise<number[][]> {
    const response = await this.#client.embeddings.create({
      model: this.#model,
      input,
      dimensions: this.dimension,
      encoding_format: 'float',
    });
    if (response.data.length !== input.length) {
      throw new Error(`the embeddings server returned ${response.data.length} vectors for ${input.length} texts`);
    }
    const ordered = [...response.data].sort((a, b) => a.index - b.index);
    return ordered.map(({ embedding }) => {
      if (embedding.length !== this.dimension) {
        throw new Error(`model ${this.#model} returned ${embedding.length}-dim vectors, configured for ${this.dimension}`);
      }
      return embedding;
    });
  }
}

function textKey(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
