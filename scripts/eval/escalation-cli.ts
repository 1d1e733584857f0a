import { readExamples } from '@triage/ml';
import { UsageError } from '../cli/failures.ts';
import type { EmbedderChoice, EmbedderSettings } from './embedder.ts';
import { embedderFor } from './embedder.ts';
import { crossValidateEscalation, evaluateEscalation, toEscalationExamples } from './escalation.ts';
import { escalationHtml, formatEscalation } from './escalation-report.ts';
import { inBatches, progressBar } from './progress.ts';

const EMBED_BATCH = 256;
const CV_SEED = 1;

/**
 * `--escalation --train F (--test F | --cv K)`: fits the escalation model and scores P(high) and the
 * urgency. `--embedder hashed` leaves the sentence embedding out; any other choice embeds every text
 * once per run, shared by all folds.
 */
export const escalationReport = async (values: Record<string, string | undefined>, choice: EmbedderChoice, settings: EmbedderSettings) => {
  const { train: trainFile, test: testFile, cv } = values;
  if (trainFile === undefined || (testFile === undefined) === (cv === undefined))
    throw new UsageError('--escalation needs --train and either --test or --cv K');
  const folds = Number(cv);
  if (cv !== undefined && !(Number.isInteger(folds) && folds >= 2))
    throw new UsageError(`--cv must be an integer of at least 2, got ${cv}`);
  const train = await readExamples(trainFile);
  const test = testFile !== undefined ? await readExamples(testFile) : [];
  const embedder = choice === 'hashed' ? undefined : await embedderFor(choice, settings);
  const started = performance.now();
  const vectors = embedder
    ? await inBatches(
        [...train, ...test].map((example) => example.text),
        EMBED_BATCH,
        progressBar('embedding'),
        (batch) => embedder.embedDocuments(batch),
      )
    : undefined;
  const run = {
    trainFile,
    embedder: embedder?.name,
    embedSeconds: (performance.now() - started) / 1000,
    options: { embedder: embedder?.name },
  };
  const trainExamples = toEscalationExamples(train, trainFile, vectors?.slice(0, train.length));
  const result =
    testFile !== undefined
      ? evaluateEscalation(trainExamples, toEscalationExamples(test, testFile, vectors?.slice(train.length)), testFile, run)
      : crossValidateEscalation(trainExamples, folds, CV_SEED, run);
  return { result, text: formatEscalation(result), html: () => escalationHtml(result) };
};
