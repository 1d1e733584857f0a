import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { DIMENSION, type MiniLmModelFiles } from './minilm-model.ts';
import type { EmbeddingLane } from './types.ts';
import { type Lane, WorkerPool } from './worker-pool.ts';

export const MINILM_FILES = { model: 'model.onnx', tokenizer: 'tokenizer.json' } as const;
/** MiniLM was trained on 256-token inputs; its tokenizer file says 128 but the library ignores it anyway. */
const DEFAULT_MAX_TOKENS = 256;
/**
 * Two let the categorizer, the pipeline's slowest stage, use a second core whenever the other
 * stages leave it idle (228 against 205 tickets/s saturated on 2 cores); each costs about 65 MiB.
 */
export const DEFAULT_THREADS = 2;

export interface MiniLmOptions {
  /** Folder holding `model.onnx` and `tokenizer.json` (see infra/model/fetch.ts). */
  dir: string;
  /**
   * Worker threads, each running the model on one core; default `DEFAULT_THREADS`. Texts are
   * spread over them, so `embedDocuments` uses up to this many cores, and the caller's event loop
   * never runs the model.
   */
  threads?: number;
  /** Longest input in tokens, [CLS] and [SEP] included; default 256. */
  maxTokens?: number;
}

/** Thrown by `loadMiniLm` when a model file is absent, so callers can fall back to another embedder. */
export class ModelFilesMissingError extends Error {
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`MiniLM model file(s) not found: ${missing.join(', ')}; run \`node infra/model/fetch.ts\` to fetch them`);
    this.name = 'ModelFilesMissingError';
    this.missing = missing;
  }
}

export async function loadMiniLm(options: MiniLmOptions): Promise<MiniLmEmbeddings> {
  const files: MiniLmModelFiles = {
    modelPath: join(options.dir, MINILM_FILES.model),
    tokenizerPath: join(options.dir, MINILM_FILES.tokenizer),
    maxTokens: positiveInteger(options.maxTokens ?? DEFAULT_MAX_TOKENS, 'maxTokens'),
  };
  const threads = positiveInteger(options.threads ?? DEFAULT_THREADS, 'threads');
  const missing: string[] = [];
  for (const path of [files.modelPath, files.tokenizerPath]) await access(path).catch(() => missing.push(path));
  if (missing.length > 0) throw new ModelFilesMissingError(missing);
  const lanes = Object.values(LANES).sort((a, b) => a.index - b.index);
  return new MiniLmEmbeddings(await WorkerPool.start('MiniLM', new URL('./minilm-worker.ts', import.meta.url), threads, files, lanes));
}

/**
 * The lanes in `EmbeddingLane` order. Bulk texts go to a worker of their own whose thread runs at
 * the lowest CPU priority: a query arriving during an import, and the ticket batches, find their
 * workers free and their cores taken by nothing the operating system would not set aside for them,
 * their own HTTP and database work included (measured in bench/README.md, issue 30).
 */
const LANES: Record<EmbeddingLane, { index: number } & Lane> = {
  interactive: { index: 0, perWorker: 2 },
  pipeline: { index: 1, perWorker: 2 },
  bulk: { index: 2, perWorker: 2, background: true },
};

/**
 * all-MiniLM-L6-v2 (int8) run by ONNX Runtime: mean pooling over the tokens, L2-normalised.
 *
 * Each text is its own forward pass, without padding. The model quantizes activations dynamically
 * with one scale per tensor, so in a padded batch the other texts and the padding change every
 * text's vector (by up to 3e-3 per component, measured here): a text would embed differently at
 * ingestion and at query time. Padded batches of 32 run about 1.4x faster on short texts (2,300/s
 * against 1,600/s on two idle cores), but a text's vector that does not depend on its batch-mates
 * is worth more than that.
 *
 * Calls are served by lane (`EmbeddingLane`): unless `inLane` says otherwise, `embedQuery` is
 * interactive and `embedDocuments` pipeline work.
 */
export class MiniLmEmbeddings extends Embeddings {
  readonly name = 'all-minilm-l6-v2-q';
  readonly dimension = DIMENSION;
  readonly #models: WorkerPool<string, Float64Array>;
  readonly #lane: EmbeddingLane | undefined;

  constructor(models: WorkerPool<string, Float64Array>, lane?: EmbeddingLane) {
    super({});
    this.#models = models;
    this.#lane = lane;
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.#models.run([text], LANES[this.#lane ?? 'interactive'].index);
    return Array.from(vector!);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const vectors = await this.#models.run(texts, LANES[this.#lane ?? 'pipeline'].index);
    return vectors.map((v) => Array.from(v));
  }

  /** This embedder with every call served in `lane`; it shares the worker threads, and `release` stops them for both. */
  inLane(lane: EmbeddingLane): MiniLmEmbeddings {
    return new MiniLmEmbeddings(this.#models, lane);
  }

  /** Stops the worker threads; the embedder cannot be used afterwards. */
  async release(): Promise<void> {
    await this.#models.close();
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}
