import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { Tokenizer } from '@huggingface/tokenizers';
import type { InferenceSession, Tensor } from 'onnxruntime-node';

export const MINILM_FILES = { model: 'model.onnx', tokenizer: 'tokenizer.json' } as const;
const DIMENSION = 384;
/** MiniLM was trained on 256-token inputs; its tokenizer file says 128 but the library ignores it anyway. */
const DEFAULT_MAX_TOKENS = 256;

export interface MiniLmOptions {
  /** Folder holding `model.onnx` and `tokenizer.json` (see infra/model/fetch.ts). */
  dir: string;
  /** ONNX Runtime intra-op threads; default 1 so several services can share a small machine. */
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
  const modelPath = join(options.dir, MINILM_FILES.model);
  const tokenizerPath = join(options.dir, MINILM_FILES.tokenizer);
  const missing: string[] = [];
  for (const path of [modelPath, tokenizerPath]) await access(path).catch(() => missing.push(path));
  if (missing.length > 0) throw new ModelFilesMissingError(missing);

  // Imported here so processes that never use MiniLM do not load the native runtime.
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: positiveInteger(options.threads ?? 1, 'threads'),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const tokenizer = new Tokenizer(JSON.parse(await readFile(tokenizerPath, 'utf8')), {});
  return new MiniLmEmbeddings(session, tokenizer, ort.Tensor, options);
}

/**
 * all-MiniLM-L6-v2 (int8) run by ONNX Runtime: mean pooling over the tokens, L2-normalised.
 *
 * Each text is its own forward pass, without padding. The model quantizes activations dynamically
 * with one scale per tensor, so in a padded batch the other texts and the padding change every
 * text's vector (by up to 3e-3 per component, measured here): a text would embed differently at
 * ingestion and at query time. Padded batches of 32 run about 1.4x faster on short texts (2,300/s
 * against 1,600/s on two idle cores), but a text's vector that does not depend on its batch-mates
 * is worth more than that.
 */
export class MiniLmEmbeddings extends Embeddings {
  readonly name = 'all-minilm-l6-v2-q';
  readonly dimension = DIMENSION;
  readonly #session: InferenceSession;
  readonly #tokenizer: Tokenizer;
  readonly #Tensor: typeof Tensor;
  readonly #maxTokens: number;
  readonly #sepId: number;

  constructor(session: InferenceSession, tokenizer: Tokenizer, tensor: typeof Tensor, options: MiniLmOptions) {
    super({});
    this.#session = session;
    this.#tokenizer = tokenizer;
    this.#Tensor = tensor;
    this.#maxTokens = positiveInteger(options.maxTokens ?? DEFAULT_MAX_TOKENS, 'maxTokens');
    const sepId = tokenizer.token_to_id('[SEP]');
    if (sepId === undefined) throw new Error('the tokenizer has no [SEP] token; is this a BERT WordPiece tokenizer?');
    this.#sepId = sepId;
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.#embed(this.#tokenize(text));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (const text of texts) vectors.push(await this.embedQuery(text));
    return vectors;
  }

  /** Frees the native session; the embedder cannot be used afterwards. */
  async release(): Promise<void> {
    await this.#session.release();
  }

  /** Token ids with [CLS] and [SEP], cut to the model's limit keeping the final [SEP]. */
  #tokenize(text: string): number[] {
    const ids = this.#tokenizer.encode(text).ids;
    if (ids.length <= this.#maxTokens) return ids;
    const cut = ids.slice(0, this.#maxTokens);
    cut[this.#maxTokens - 1] = this.#sepId;
    return cut;
  }

  async #embed(ids: number[]): Promise<number[]> {
    const shape = [1, ids.length];
    const output = await this.#session.run({
      input_ids: new this.#Tensor('int64', BigInt64Array.from(ids, BigInt), shape),
      attention_mask: new this.#Tensor('int64', new BigInt64Array(ids.length).fill(1n), shape),
      token_type_ids: new this.#Tensor('int64', new BigInt64Array(ids.length), shape),
    });
    const hidden = output['last_hidden_state']?.data;
    if (!(hidden instanceof Float32Array)) throw new Error('the model returned no float last_hidden_state');
    return meanPool(hidden, ids.length);
  }
}

/** Mean of a sequence's hidden states, L2-normalised. */
function meanPool(hidden: Float32Array, tokens: number): number[] {
  const sum = new Float64Array(DIMENSION);
  for (let t = 0; t < tokens; t++) {
    const row = t * DIMENSION;
    for (let d = 0; d < DIMENSION; d++) sum[d] = sum[d]! + hidden[row + d]!;
  }
  let norm = 0;
  for (let d = 0; d < DIMENSION; d++) norm += sum[d]! * sum[d]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Array.from(sum, (value) => value * scale);
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}
