import type { TextEmbedder } from '@triage/embeddings';
import {
  TextClassifier,
  accuracy,
  accuracyAtCoverage,
  auroc,
  confusionMatrix,
  coverageCurve,
  macroF1,
  perClassScores,
  reliability,
  worstConfusions,
} from '@triage/ml';
import type { ClassScores, ClassifierMode, ConfusionMatrix, CoveragePoint, ReliabilityBin, TrainingReport } from '@triage/ml';
import { InputError } from '@triage/ml';
import { inBatches, progressBar } from './progress.ts';
import type { Example } from '@triage/ml';

export interface ClassificationOptions {
  trainFile: string;
  testFile: string;
  mode: ClassifierMode;
  /** Needed unless mode is `tfidf`. */
  embedder: TextEmbedder | undefined;
  /** Test rows with this category are out of scope: the right answer is to abstain. */
  oosLabel: string | undefined;
  targetPrecision: number;
  minConfidence: number;
}

export interface OutOfScopeResult {
  label: string;
  rows: number;
  /** Of the rows abstained on (or predicted as the OOS label), the share that were out of scope. */
  precision: number;
  /** Of the out-of-scope rows, the share abstained on (or predicted as the OOS label). */
  recall: number;
  /** How well 1 - (top in-scope probability) separates out-of-scope rows from in-scope ones. */
  auroc: number;
}

export interface ClassificationResult {
  kind: 'classification';
  trainFile: string;
  testFile: string;
  mode: ClassifierMode;
  embedder: string | undefined;
  trainExamples: number;
  /** In-scope test rows, the ones accuracy and calibration are measured on. */
  testExamples: number;
  accuracy: number;
  macroF1: number;
  ece: number;
  accuracyAtCoverage: { coverage: number; accuracy: number }[];
  /** At the model's own threshold (chosen on held-out training data for the target precision). */
  abstention: { threshold: number; coverage: number; precision: number; targetPrecision: number; minConfidence: number };
  outOfScope: OutOfScopeResult | undefined;
  perClass: ClassScores[];
  confusion: ConfusionMatrix;
  worstConfusions: { actual: string; predicted: string; count: number }[];
  reliability: ReliabilityBin[];
  coverageCurve: CoveragePoint[];
  training: TrainingReport;
  temperature: number;
  timing: { embedTrainSeconds: number; trainSeconds: number; testSeconds: number; testTextsPerSecond: number };
}

const EMBED_BATCH = 256;

export async function evaluateClassification(
  train: Example[],
  test: Example[],
  options: ClassificationOptions,
): Promise<ClassificationResult> {
  const trainLabels = new Set(train.map((example) => example.category));
  const unknown = test.find((example) => !trainLabels.has(example.category) && example.category !== options.oosLabel);
  if (unknown) {
    throw new InputError(
      options.testFile,
      unknown.line,
      `category "${unknown.category}" does not occur in ${options.trainFile}${options.oosLabel ? '' : ' (pass --oos-label to treat such rows as out of scope)'}`,
    );
  }
  if (options.oosLabel !== undefined && !test.some((example) => example.category === options.oosLabel)) {
    throw new InputError(options.testFile, undefined, `no rows have the out-of-scope category "${options.oosLabel}"`);
  }
  const embedder = options.mode === 'tfidf' ? undefined : options.embedder;
  const embed = (texts: string[], label: string) =>
    embedder ? inBatches(texts, EMBED_BATCH, progressBar(label), (batch) => embedder.embedDocuments(batch)) : Promise.resolve(undefined);

  let started = performance.now();
  const trainVectors = await embed(
    train.map((example) => example.text),
    'embedding train',
  );
  const embedTrainSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const trainBar = progressBar('training      ');
  const classifier = await TextClassifier.train(train, trainVectors, {
    mode: options.mode,
    targetPrecision: options.targetPrecision,
    minConfidence: options.minConfidence,
    onProgress: (done) => trainBar.update(done),
    ...(embedder && { embedder: embedder.name }),
  });
  trainBar.finish();
  const trainSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const testVectors = await embed(
    test.map((example) => example.text),
    'embedding test ',
  );
  const predictions = test.map((example, i) => classifier.predict(example.text, testVectors?.[i]));
  const testSeconds = (performance.now() - started) / 1000;

  const inScope = test.flatMap((example, i) => (example.category === options.oosLabel ? [] : [{ example, prediction: predictions[i]! }]));
  const actual = inScope.map(({ example }) => example.category);
  const predicted = inScope.map(({ prediction }) => prediction.probabilities[0]!.label);
  const confidences = inScope.map(({ prediction }) => prediction.probabilities[0]!.probability);
  const correct = actual.map((label, i) => label === predicted[i]);
  const confusion = confusionMatrix(actual, predicted, classifier.labels);
  const perClass = perClassScores(confusion);
  const calibration = reliability(confidences, correct);
  const curve = coverageCurve(confidences, correct);
  const answered = inScope.flatMap(({ prediction }, i) => (prediction.abstained ? [] : [correct[i]!]));

  return {
    kind: 'classification',
    trainFile: options.trainFile,
    testFile: options.testFile,
    mode: options.mode,
    embedder: embedder?.name,
    trainExamples: train.length,
    testExamples: inScope.length,
    accuracy: accuracy(actual, predicted),
    macroF1: macroF1(perClass),
    ece: calibration.ece,
    accuracyAtCoverage: [0.8, 0.9].map((coverage) => ({ coverage, accuracy: accuracyAtCoverage(curve, coverage) })),
    abstention: {
      threshold: classifier.threshold,
      coverage: answered.length / Math.max(1, inScope.length),
      precision: answered.filter(Boolean).length / Math.max(1, answered.length),
      targetPrecision: options.targetPrecision,
      minConfidence: options.minConfidence,
    },
    outOfScope: options.oosLabel === undefined ? undefined : outOfScope(test, predictions, options.oosLabel),
    perClass,
    confusion,
    worstConfusions: worstConfusions(confusion, 10),
    reliability: calibration.bins,
    coverageCurve: curve,
    training: classifier.report,
    temperature: classifier.temperature,
    timing: { embedTrainSeconds, trainSeconds, testSeconds, testTextsPerSecond: test.length / testSeconds },
  };
}

function outOfScope(test: Example[], predictions: ReturnType<TextClassifier['predict']>[], label: string): OutOfScopeResult {
  const isOos = test.map((example) => example.category === label);
  // A model trained with the OOS category as a class may also predict it outright.
  const flagged = predictions.map((p) => p.abstained || p.probabilities[0]!.label === label);
  const scores = predictions.map((p) => 1 - (p.probabilities.find((entry) => entry.label !== label)?.probability ?? 0));
  const truePositives = flagged.filter((flag, i) => flag && isOos[i]).length;
  return {
    label,
    rows: isOos.filter(Boolean).length,
    precision: truePositives / Math.max(1, flagged.filter(Boolean).length),
    recall: truePositives / Math.max(1, isOos.filter(Boolean).length),
    auroc: auroc(scores, isOos),
  };
}
