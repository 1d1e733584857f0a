export { countNgrams, words } from './features/ngrams.ts';
export type { NgramCounts } from './features/ngrams.ts';
export { TfidfVectorizer, DEFAULT_BUCKETS } from './features/tfidf.ts';
export { l2Normalize, toDenseMatrix, toSparseMatrix } from './matrix.ts';
export type { DenseMatrix, SparseMatrix, SparseVector } from './matrix.ts';
export { seededRandom, shuffle, stratifiedSplit } from './random.ts';

export { minimizeLbfgs } from './softmax/lbfgs.ts';
export type { LbfgsOptions, LbfgsResult, Objective } from './softmax/lbfgs.ts';
export { logSoftmaxInPlace, softmaxLogits, trainSoftmax } from './softmax/softmax.ts';
export type { SoftmaxTrainOptions, SoftmaxTrainResult, SoftmaxWeights } from './softmax/softmax.ts';

export { TextClassifier } from './classifier/text-classifier.ts';
export type { ClassifierPrediction, LabelProbability } from './classifier/text-classifier.ts';
export type { LabeledText, TrainOptions } from './classifier/train.ts';
export type { ClassifierMode } from './classifier/state.ts';
export { HeadReport, TrainingReport } from './classifier/state.ts';
export { fitTemperature, thresholdForPrecision } from './classifier/calibration.ts';

export type { RetrievalQuery, Retriever, ScoredId } from './retrieval/types.ts';
export { LexicalIndex } from './retrieval/lexical-index.ts';
export { DenseIndex } from './retrieval/dense-index.ts';
export type { RankedId } from './retrieval/top-k.ts';
export { chunkText } from './retrieval/chunk.ts';
export type { ChunkOptions } from './retrieval/chunk.ts';
export { reciprocalRankFusion, standardizedScoreFusion } from './retrieval/fusion.ts';
export { HybridRetriever, evidenceScore } from './retrieval/hybrid.ts';
export type { HybridHit, HybridOptions } from './retrieval/hybrid.ts';
export { answerableProbability, fitAnswerability } from './retrieval/answerability.ts';
export type { AnswerabilityModel } from './retrieval/answerability.ts';

export { DEFAULT_SIGNAL_WEIGHTS, DUPLICATE_SIGNALS, createDuplicateScorer, fuseSignals } from './duplicates/scorer.ts';
export type { DuplicateScorer, DuplicateSignal, SignalRankings, SignalWeights, TicketReport } from './duplicates/scorer.ts';
export { createIdentifierIndex, technicalTokens } from './duplicates/identifiers.ts';
export type { IdentifierIndex } from './duplicates/identifiers.ts';
export { TEMPLATE_MIN_REPORTS, templateLines, withoutTemplateLines } from './duplicates/templates.ts';

export { accuracy, confusionMatrix, macroF1, perClassScores, worstConfusions } from './metrics/classification.ts';
export type { ClassScores, ConfusionMatrix } from './metrics/classification.ts';
export { accuracyAtCoverage, coverageCurve, reliability } from './metrics/calibration.ts';
export type { CoveragePoint, ReliabilityBin } from './metrics/calibration.ts';
export { auroc, hitAtK, recallAtK, reciprocalRankAtK } from './metrics/ranking.ts';

export { InputError } from './datasets/input-error.ts';
export { parseCsv, type CsvRecord } from './datasets/csv.ts';
export { parseJsonLines, requireString, type JsonLine } from './datasets/jsonl.ts';
export { readUtf8 } from './datasets/read-text.ts';
export { readExamples, type Example, type ExampleKind } from './datasets/read-examples.ts';

export { recallAtFalsePositiveRate } from './metrics/operating-point.ts';
export { stratifiedFolds } from './folds.ts';
export { URGENCIES, isUrgency, type Urgency } from './escalation/urgency.ts';
export type { StructuredFeatures } from './escalation/structured.ts';
export type { EscalationInput } from './escalation/features.ts';
export { MIN_TIER_EXAMPLES, fitEscalation, type EscalationExample, type EscalationFitOptions } from './escalation/fit.ts';
export { fitEscalationOffThread } from './escalation/fit-off-thread.ts';
export { EscalationState } from './escalation/state.ts';
export { loadEscalation, predictEscalation } from './escalation/predict.ts';
export type { Contribution, EscalationModel, EscalationPrediction } from './escalation/predict.ts';
