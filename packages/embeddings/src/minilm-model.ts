import { readFile } from 'node:fs/promises';
import { Tokenizer } from '@huggingface/tokenizers';
import type { InferenceSession, Tensor } from 'onnxruntime-node';

export const DIMENSION = 384;

export interface MiniLmModelFiles {
  modelPath: string;
  tokenizerPath: string;
  /** Longest input in tokens, [CLS] and [SEP] included. */
  maxTokens: number;
}

/**
 * all-MiniLM-L6-v2 in the thread that loads it: the tokenizer and a single-threaded ONNX Runtime
 * session. ONNX Runtime's Node binding runs a session on the calling thread, so each model lives in
 * its own worker thread (minilm-worker.ts) and a service's event loop never waits on a forward pass.
 */
export class MiniLmModel {
  readonly #session: InferenceSession;
  readonly #tokenizer: Tokenizer;
  readonly #Tensor: typeof Tensor;
  readonly #maxTokens: number;
  readonly #sepId: number;

  private constructor(session: InferenceSession, tokenizer: Tokenizer, tensor: typeof Tensor, maxTokens: number) {
    this.#session = session;
    this.#tokenizer = tokenizer;
    this.#Tensor = tensor;
    this.#maxTokens = maxTokens;
    const sepId = tokenizer.token_to_id('[SEP]');
    if (sepId === undefined) throw new Error('the tokenizer has no [SEP] token; is this a BERT WordPiece tokenizer?');
    this.#sepId = sepId;
  }

  static async load(files: MiniLmModelFiles): Promise<MiniLmModel> {
    // Imported here so processes that never use MiniLM do not load the native runtime.
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(files.modelPath, {
      // Parallelism comes from several models in several threads: one thread's spin-waiting pool
      // would burn the cores the other services need (measured: 8.7 ms of CPU a ticket against 4).
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const tokenizer = new Tokenizer(JSON.parse(await readFile(files.tokenizerPath, 'utf8')), {});
    return new MiniLmModel(session, tokenizer, ort.Tensor, files.maxTokens);
  }

  /** The text's unit vector: mean of its hidden states, L2-normalised. */
  async embed(text: string): Promise<Float64Array<ArrayBuffer>> {
    const ids = this.#tokenize(text);
    const shape = [1, ids.length];
    const output = await this.#session.run({
      input_ids: new this.#Tensor('int64', BigInt64Array.from(ids, BigInt), shape),
      attention_mask: new this.#Tensor('int64', new BigInt64Array(ids.length).fill(1n), shape),
      token_type_ids: new this.#Tensor('int64', new BigInt64Array(ids.length), shape),
    });
    const hidden = output.last_hidden_state?.data;
    if (!(hidden instanceof Float32Array)) throw new Error('the model returned no float last_hidden_state');
    return meanPool(hidden, ids.length);
  }

  /** Token ids with [CLS] and [SEP], cut to the model's limit keeping the final [SEP]. */
  #tokenize(text: string): number[] {
    const ids = this.#tokenizer.encode(text).ids;
    if (ids.length <= this.#maxTokens) return ids;
    const cut = ids.slice(0, this.#maxTokens);
    cut[this.#maxTokens - 1] = this.#sepId;
    return cut;
  }
}

function meanPool(hidden: Float32Array, tokens: number): Float64Array<ArrayBuffer> {
  const sum = new Float64Array(DIMENSION);
  for (let t = 0; t < tokens; t++) {
    const row = t * DIMENSION;
    for (let d = 0; d < DIMENSION; d++) sum[d] = sum[d]! + hidden[row + d]!;
  }
  let norm = 0;
  for (let d = 0; d < DIMENSION; d++) norm += sum[d]! * sum[d]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < DIMENSION; d++) sum[d] = sum[d]! * scale;
  return sum;
}
