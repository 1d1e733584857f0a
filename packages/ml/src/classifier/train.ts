import { Worker } from 'node:worker_threads';
import { TfidfVectorizer } from '../features/tfidf.ts';
import type { DenseMatrix } from '../matrix.ts';
import { toDenseMatrix, toSparseMatrix } from '../matrix.ts';
import { reliability } from '../metrics/calibration.ts';
import { stratifiedSplit } from '../random.ts';
import { logSoftmaxInPlace } from '../softmax/softmax.ts';
import { fitTemperature, thresholdForPrecision } from './calibration.ts';
import type { HeadFit, HeadJob } from './fit-head.ts';
import { headJobUnits, mean } from './fit-head.ts';
import { argmax, fuseLogProbabilities } from './fusion.ts';
import type { Standardization } from './standardize.ts';
import { foldStandardization, standardize } from './standardize.ts';
import type { ClassifierMode, ClassifierState } from './state.ts';

export interface LabeledText {
  text: string;
  category: string;
}

export interface TrainOptions {
  /** `tfidf`: the TF-IDF head alone; `embedding`: the embedding head alone; `fused`: both. */
  mode: ClassifierMode;
  /** Name of the embedder that produced the vectors; required with an embedding head. */
  embedder?: string;
  /** Abstain below the confidence that keeps held-out precision at this level; default 0.9. */
  targetPrecision?: number;
  /**
   * Never answer below this calibrated probability, even when the precision target allows it;
   * default 0.5: the model answers only when it is more likely right than wrong. This is what
   * catches texts about none of the categories when the target alone would answer everything.
   */
  minConfidence?: number;
  /** Share of the training examples held out to choose C, the temperature and the threshold; default 0.2. */
  holdoutFraction?: number;
  seed?: number;
  /** Candidate C values for the TF-IDF head; default 3, 10, 30, 100. */
  tfidfGrid?: number[];
  /** Candidate C values for the embedding head (its inputs are standardised); default 0.03, 0.1, 0.3. */
  embeddingGrid?: number[];
  /** L-BFGS iterations per fit; default 100. */
  maxIterations?: number;
  /** L-BFGS stops once no gradient component exceeds this; default 1e-4. */
  gradientTolerance?: number;
  /** Called as training advances, with the share done in [0, 1]. */
  onProgress?: (done: number) => void;
}

/**
 * Trains the heads the mode asks for, each in its own worker thread (in parallel, and without
 * blocking the caller's event loop). A stratified held-out part of the examples picks each head's
 * C, then the temperature of the fused scores and the abstention threshold; each head is finally
 * refitted on all examples.
 */
export async function trainClassifier(
  examples: readonly LabeledText[],
  embeddings: readonly ArrayLike<number>[] | undefined,
  options: TrainOptions,
): Promise<ClassifierState> {
  const started = performance.now();
  const labels = [...new Set(examples.map((example) => example.category))].sort();
  if (labels.length < 2) throw new Error(`need examples of at least two categories, got ${labels.length}`);
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const y = Int32Array.from(examples, (example) => labelIndex.get(example.category)!);
  const split = stratifiedSplit(y, options.holdoutFraction ?? 0.2, options.seed ?? 1);
  const targetPrecision = options.targetPrecision ?? 0.9;
  const minConfidence = options.minConfidence ?? 0.5;
  if (!(targetPrecision > 0 && targetPrecision <= 1)) throw new Error(`targetPrecision must be in (0, 1], got ${targetPrecision}`);
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new Error(`minConfidence must be in [0, 1], got ${minConfidence}`);
  const common = {
    labels: y,
    classes: labels.length,
    split,
    maxIterations: options.maxIterations ?? 100,
    gradientTolerance: options.gradientTolerance ?? 1e-4,
  };

  const jobs: HeadJob[] = [];
  let vectorizer: TfidfVectorizer | undefined;
  if (options.mode !== 'embedding') {
    // idf uses no labels, so fitting it on every example (held-out ones included) leaks nothing.
    const fitted = TfidfVectorizer.fit(examples.map((example) => example.text));
    const x = toSparseMatrix(
      examples.map((example) => fitted.transform(example.text)),
      fitted.dimension,
    );
    jobs.push({ ...common, x, grid: options.tfidfGrid ?? [3, 10, 30, 100] });
    vectorizer = fitted;
  }
  let standardization: Standardization | undefined;
  if (options.mode !== 'tfidf') {
    if (!options.embedder) throw new Error('options.embedder (the embedder name) is required with an embedding head');
    const standardized = standardize(embeddingMatrix(embeddings, examples.length));
    jobs.push({ ...common, x: standardized.matrix, grid: options.embeddingGrid ?? [0.03, 0.1, 0.3] });
    standardization = standardized.standardization;
  }

  const totalUnits = jobs.reduce((sum, job) => sum + headJobUnits(job), 0);
  let doneUnits = 0;
  const onUnits = (units: number) => {
    doneUnits += units;
    options.onProgress?.(Math.min(1, doneUnits / totalUnits));
  };
  const fits = await Promise.all(jobs.map((job) => fitHeadInWorker(job, onUnits)));
  const tfidfFit = vectorizer ? fits[0] : undefined;
  const embeddingFit = standardization ? fits.at(-1) : undefined;

  const heldLabels = split.holdout.map((row) => y[row]!);
  const held = heldLabels.map((_, i) => fuseLogProbabilities(fits.map((fit) => fit.heldScores[i]!)));
  const calibration = calibrateOnHoldout(held, heldLabels, targetPrecision, minConfidence);
  options.onProgress?.(1);
  return {
    mode: options.mode,
    labels,
    tfidf: vectorizer && tfidfFit ? { vectorizer, weights: tfidfFit.weights } : undefined,
    embedding:
      standardization && embeddingFit
        ? { embedder: options.embedder!, weights: foldStandardization(embeddingFit.weights, standardization) }
        : undefined,
    temperature: calibration.temperature,
    threshold: calibration.threshold,
    report: {
      examples: examples.length,
      holdoutExamples: held.length,
      targetPrecision,
      ...calibration.report,
      heads: {
        ...(tfidfFit && { tfidf: tfidfFit.report }),
        ...(embeddingFit && { embedding: embeddingFit.report }),
      },
      trainSeconds: (performance.now() - started) / 1000,
    },
  };
}

/** Fits the temperature on held-out fused scores, then the abstention threshold on the calibrated confidences. */
function calibrateOnHoldout(held: Float64Array[], labels: number[], targetPrecision: number, minConfidence: number) {
  const temperature = fitTemperature(held, labels);
  const confidences: number[] = [];
  const correct: boolean[] = [];
  held.forEach((scores, i) => {
    const probabilities = calibrate(scores, temperature);
    const best = argmax(probabilities);
    confidences.push(probabilities[best]!);
    correct.push(best === labels[i]);
  });
  const threshold = Math.max(minConfidence, held.length > 0 ? thresholdForPrecision(confidences, correct, targetPrecision) : 0);
  const answered = correct.filter((_, i) => confidences[i]! >= threshold);
  return {
    temperature,
    threshold,
    report: {
      holdoutAccuracy: mean(correct.map(Number)),
      holdoutCoverage: answered.length / Math.max(1, held.length),
      holdoutPrecision: mean(answered.map(Number)),
      holdoutEce: reliability(confidences, correct).ece,
    },
  };
}

function fitHeadInWorker(job: HeadJob, onUnits: (units: number) => void): Promise<HeadFit> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./head-worker.ts', import.meta.url), { workerData: job });
    let fit: HeadFit | undefined;
    worker.on('message', (message: { type: 'progress'; units: number } | { type: 'done'; fit: HeadFit }) => {
      if (message.type === 'progress') onUnits(message.units);
      else fit = message.fit;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (fit ? resolve(fit) : reject(new Error(`head training worker exited with code ${code}`))));
  });
}

function embeddingMatrix(embeddings: readonly ArrayLike<number>[] | undefined, rows: number): DenseMatrix {
  if (!embeddings) throw new Error('this mode needs one embedding per example');
  if (embeddings.length !== rows) throw new Error(`got ${embeddings.length} embeddings for ${rows} examples`);
  const dimension = embeddings[0]?.length ?? 0;
  if (dimension === 0) throw new Error('embeddings are empty');
  const matrix = toDenseMatrix(embeddings, dimension);
  if (!matrix.data.every(Number.isFinite)) throw new Error('embeddings contain NaN or infinite values');
  return matrix;
}

/** Softmax of scores divided by the temperature. */
export function calibrate(scores: Float64Array, temperature: number): Float64Array {
  const scaled = scores.map((score) => score / temperature);
  return logSoftmaxInPlace(scaled).map(Math.exp);
}
