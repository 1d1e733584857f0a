import type { EscalationModel, Example, EscalationExample, EscalationFitOptions, EscalationPrediction } from '@triage/ml';
import { InputError, URGENCIES, fitEscalation, isUrgency, loadEscalation, predictEscalation, stratifiedFolds } from '@triage/ml';
import type { EscalationScores } from './escalation-metrics.ts';
import { scoreEscalation } from './escalation-metrics.ts';

/** The metrics the brief tracks; in cross-validation, their mean and spread over the folds. */
export const HEADLINE = ['macroF1', 'highAuroc', 'highRecallAt20Fpr', 'ece', 'highEce'] as const;
type Headline = (typeof HEADLINE)[number];

export interface EscalationResult extends EscalationScores {
  kind: 'escalation';
  trainFile: string;
  /** The test file, or `K-fold cross-validation of trainFile`. */
  testFile: string;
  embedder: string | undefined;
  trainExamples: number;
  /** Per-fold scores, and the standard deviation of each headline metric over them (cross-validation only). */
  folds: EscalationScores[] | undefined;
  spread: Record<Headline, number> | undefined;
  chosen: { highC: number[]; lowC: number[]; highTemperature: number[]; lowTemperature: number[] };
  timing: { embedSeconds: number; fitSeconds: number };
}

/** Labeled rows as escalation examples; the category must be an urgency. */
export const toEscalationExamples = (
  examples: readonly Example[],
  file: string,
  vectors: readonly number[][] | undefined,
): EscalationExample[] =>
  examples.map((example, i) => {
    if (!isUrgency(example.category))
      throw new InputError(
        file,
        example.line,
        `category must be one of ${URGENCIES.join(', ')} for --escalation, got "${example.category}"`,
      );
    return { text: example.text, urgency: example.category, embedding: vectors?.[i] };
  });

interface Run {
  trainFile: string;
  embedder: string | undefined;
  embedSeconds: number;
  options: EscalationFitOptions;
}

const fitAndPredict = (train: readonly EscalationExample[], test: readonly EscalationExample[], options: EscalationFitOptions) => {
  // Through JSON and back, as the service will store and load it.
  const state = JSON.parse(JSON.stringify(fitEscalation(train, options)));
  const model = loadEscalation(state);
  return { model, predictions: test.map((example) => predictEscalation(model, example)) };
};

/** Fits on `train`, scores `test`. */
export const evaluateEscalation = (
  train: readonly EscalationExample[],
  test: readonly EscalationExample[],
  testFile: string,
  run: Run,
): EscalationResult => {
  const started = performance.now();
  const { model, predictions } = fitAndPredict(train, test, run.options);
  return result(
    run,
    train.length,
    testFile,
    scoreEscalation(
      test.map((e) => e.urgency),
      predictions,
    ),
    undefined,
    [model],
    started,
  );
};

/**
 * Stratified k-fold cross-validation: each fold is scored by a model fitted on the others, which
 * chooses its own C and temperatures on a split of its training rows only. The headline metrics
 * are means over the folds; the confusion matrix and per-class scores pool every fold's predictions.
 */
export const crossValidateEscalation = (examples: readonly EscalationExample[], k: number, seed: number, run: Run): EscalationResult => {
  const started = performance.now();
  const fold = stratifiedFolds(
    Int32Array.from(examples, (e) => URGENCIES.indexOf(e.urgency)),
    k,
    seed,
  );
  const pooled = new Array<EscalationPrediction>(examples.length);
  const folds: EscalationScores[] = [];
  const models: EscalationModel[] = [];
  for (let f = 0; f < k; f++) {
    const held = examples.flatMap((_, row) => (fold[row] === f ? [row] : []));
    const { model, predictions } = fitAndPredict(
      examples.filter((_, row) => fold[row] !== f),
      held.map((row) => examples[row]!),
      run.options,
    );
    held.forEach((row, i) => {
      pooled[row] = predictions[i]!;
    });
    folds.push(
      scoreEscalation(
        held.map((row) => examples[row]!.urgency),
        predictions,
      ),
    );
    models.push(model);
  }
  const scores = {
    ...scoreEscalation(
      examples.map((e) => e.urgency),
      pooled,
    ),
  };
  for (const metric of HEADLINE) scores[metric] = mean(folds.map((s) => s[metric]));
  return result(run, examples.length, `${k}-fold cross-validation of ${run.trainFile}`, scores, folds, models, started);
};

const result = (
  run: Run,
  trainExamples: number,
  testFile: string,
  scores: EscalationScores,
  folds: EscalationScores[] | undefined,
  models: EscalationModel[],
  started: number,
): EscalationResult => ({
  kind: 'escalation',
  trainFile: run.trainFile,
  testFile,
  embedder: run.embedder,
  trainExamples,
  ...scores,
  folds,
  spread:
    folds &&
    (Object.fromEntries(HEADLINE.map((metric) => [metric, standardDeviation(folds.map((s) => s[metric]))])) as Record<Headline, number>),
  chosen: {
    highC: models.map((m) => m.high.c),
    lowC: models.map((m) => m.low.c),
    highTemperature: models.map((m) => m.high.temperature),
    lowTemperature: models.map((m) => m.low.temperature),
  },
  timing: { embedSeconds: run.embedSeconds, fitSeconds: (performance.now() - started) / 1000 },
});

const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
const standardDeviation = (values: readonly number[]): number => {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / Math.max(1, values.length - 1));
};
