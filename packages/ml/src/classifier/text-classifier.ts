import { z } from 'zod';
import { pack, unpack } from '../binary.ts';
import type { PackedArray } from '../binary.ts';
import { TfidfVectorizer } from '../features/tfidf.ts';
import type { SoftmaxWeights } from '../softmax/softmax.ts';
import { logSoftmaxInPlace, softmaxLogits } from '../softmax/softmax.ts';
import { argmax, fuseLogProbabilities } from './fusion.ts';
import type { ClassifierMode, ClassifierState } from './state.ts';
import { TrainingReport } from './state.ts';
import type { LabeledText, TrainOptions } from './train.ts';
import { calibrate, trainClassifier } from './train.ts';

export interface LabelProbability {
  label: string;
  probability: number;
}

export interface ClassifierPrediction {
  /** Every category, most probable first; calibrated probabilities summing to 1. */
  probabilities: LabelProbability[];
  /** The top probability is below the model's threshold: route to a human instead. */
  abstained: boolean;
}

const FORMAT = 'text-classifier';
const FORMAT_VERSION = 1;

/**
 * Intent classifier of two softmax heads (TF-IDF n-grams, sentence embeddings) fused by averaging
 * log-probabilities, temperature-calibrated, with an abstention threshold for a target precision.
 */
export class TextClassifier {
  readonly #state: ClassifierState;

  constructor(state: ClassifierState) {
    this.#state = state;
  }

  /** `embeddings[i]` is the vector of `examples[i]`; leave undefined in `tfidf` mode. */
  static async train(
    examples: readonly LabeledText[],
    embeddings: readonly ArrayLike<number>[] | undefined,
    options: TrainOptions,
  ): Promise<TextClassifier> {
    return new TextClassifier(await trainClassifier(examples, embeddings, options));
  }

  get mode(): ClassifierMode {
    return this.#state.mode;
  }

  get labels(): readonly string[] {
    return this.#state.labels;
  }

  /** Name of the embedder whose vectors `predict` expects, if the model has an embedding head. */
  get embedder(): string | undefined {
    return this.#state.embedding?.embedder;
  }

  get temperature(): number {
    return this.#state.temperature;
  }

  get threshold(): number {
    return this.#state.threshold;
  }

  get report(): TrainingReport {
    return this.#state.report;
  }

  predict(text: string, embedding?: ArrayLike<number>): ClassifierPrediction {
    const { tfidf, embedding: head, labels, temperature, threshold } = this.#state;
    const heads: Float64Array[] = [];
    if (tfidf) heads.push(logSoftmaxInPlace(softmaxLogits(tfidf.weights, tfidf.vectorizer.transform(text))));
    if (head) {
      if (!embedding) throw new Error(`this ${this.mode} model needs the text's ${head.embedder} embedding`);
      heads.push(logSoftmaxInPlace(softmaxLogits(head.weights, embedding)));
    }
    const probabilities = calibrate(fuseLogProbabilities(heads), temperature);
    const ranked = labels.map((label, k) => ({ label, probability: probabilities[k]! })).sort((a, b) => b.probability - a.probability);
    return { probabilities: ranked, abstained: probabilities[argmax(probabilities)]! < threshold };
  }

  /** Compact binary form (JSON header + Float32 weights) for storing the model, e.g. in Postgres. */
  serialize(): Uint8Array {
    const { tfidf, embedding, report, ...rest } = this.#state;
    const arrays: Record<string, PackedArray> = {};
    if (tfidf) {
      arrays['tfidf.features'] = tfidf.vectorizer.features;
      arrays['tfidf.idf'] = tfidf.vectorizer.idf;
      Object.assign(arrays, weightArrays('tfidf', tfidf.weights));
    }
    if (embedding) Object.assign(arrays, weightArrays('embedding', embedding.weights));
    const header = {
      mode: rest.mode,
      labels: rest.labels,
      temperature: rest.temperature,
      threshold: rest.threshold,
      buckets: tfidf?.vectorizer.buckets,
      embedder: embedding?.embedder,
      embeddingColumns: embedding?.weights.columns,
      report,
    };
    return pack(FORMAT, FORMAT_VERSION, header, arrays);
  }

  static deserialize(bytes: Uint8Array): TextClassifier {
    const { header, arrays } = unpack(bytes, FORMAT, FORMAT_VERSION);
    const h = Header.parse(header);
    const classes = h.labels.length;
    const array = <T extends PackedArray>(name: string, type: new (n: number) => T): T => {
      const found = arrays.get(name);
      if (!(found instanceof type)) throw new Error(`serialized ${FORMAT} lacks array ${name}`);
      return found;
    };
    let tfidf: ClassifierState['tfidf'];
    if (h.mode !== 'embedding') {
      if (h.buckets === undefined) throw new Error(`serialized ${FORMAT} lacks the TF-IDF bucket count`);
      const vectorizer = new TfidfVectorizer(h.buckets, array('tfidf.features', Int32Array), array('tfidf.idf', Float32Array));
      tfidf = { vectorizer, weights: readWeights('tfidf', vectorizer.dimension, classes, array) };
    }
    let embedding: ClassifierState['embedding'];
    if (h.mode !== 'tfidf') {
      if (h.embedder === undefined || h.embeddingColumns === undefined) throw new Error(`serialized ${FORMAT} lacks the embedder`);
      embedding = { embedder: h.embedder, weights: readWeights('embedding', h.embeddingColumns, classes, array) };
    }
    return new TextClassifier({
      mode: h.mode,
      labels: h.labels,
      tfidf,
      embedding,
      temperature: h.temperature,
      threshold: h.threshold,
      report: h.report,
    });
  }
}

const Header = z.object({
  mode: z.enum(['tfidf', 'embedding', 'fused']),
  labels: z.array(z.string()).min(2),
  temperature: z.number().positive(),
  threshold: z.number().min(0),
  buckets: z.number().int().positive().optional(),
  embedder: z.string().optional(),
  embeddingColumns: z.number().int().positive().optional(),
  report: TrainingReport,
});

function weightArrays(prefix: string, weights: SoftmaxWeights): Record<string, PackedArray> {
  return { [`${prefix}.weights`]: weights.weights, [`${prefix}.bias`]: weights.bias };
}

function readWeights(
  prefix: string,
  columns: number,
  classes: number,
  array: <T extends PackedArray>(name: string, type: new (n: number) => T) => T,
): SoftmaxWeights {
  const weights = array(`${prefix}.weights`, Float32Array);
  const bias = array(`${prefix}.bias`, Float32Array);
  if (weights.length !== columns * classes || bias.length !== classes) {
    throw new Error(`serialized ${prefix} weights do not fit ${columns} columns x ${classes} classes`);
  }
  return { columns, classes, weights, bias };
}
