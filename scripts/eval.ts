// `npm run eval -- …`: evaluates the classifier or the knowledge-base retrieval on labelled files; see --help.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { readExamples, type ClassifierMode } from '@triage/ml';
import { DEFAULT_MODEL_DIR } from '../infra/model/fetch.ts';
import { helpRequested, parseCli } from './cli/args.ts';
import { UsageError } from './cli/failures.ts';
import { runCli } from './cli/run.ts';
import { evaluateClassification } from './eval/classify.ts';
import { EMBEDDER_CHOICES, embedderFor } from './eval/embedder.ts';
import { duplicatesReport } from './eval/duplicates-cli.ts';
import { entitiesReport } from './eval/entities-cli.ts';
import { escalationReport } from './eval/escalation-cli.ts';
import type { EmbedderChoice, EmbedderSettings } from './eval/embedder.ts';
import { dropArticles } from './eval/knowledge-gaps.ts';
import { languageReport } from './eval/language-cli.ts';
import { readArticles, readQueries } from './eval/read-kb.ts';
import { classificationHtml, retrievalHtml } from './eval/report-html.ts';
import { formatClassification, formatRetrieval } from './eval/report-text.ts';
import { evaluateRetrieval } from './eval/retrieve.ts';

const MODES: Record<EmbedderChoice, ClassifierMode> = { hashed: 'tfidf', minilm: 'embedding', fused: 'fused', openai: 'fused' };

const USAGE = `Evaluates the classifier or the knowledge-base retrieval on labelled files.

  npm run eval -- --train train.csv --test test.csv [--embedder hashed|minilm|fused|openai]
       [--oos-label NAME] [--target-precision 0.9] [--min-confidence 0.5] [--json out.json] [--html report.html]
  npm run eval -- --escalation --train train.csv (--test test.csv | --cv 5) [--embedder ...] [--json ...] [--html ...]
  npm run eval -- --kb kb.jsonl --queries queries.jsonl [--drop-articles 0.3] [--embedder ...] [--json ...] [--html ...]
  npm run eval -- --duplicates --reports reports.csv --pairs pairs.csv [--embedder ...] [--json ...] [--html ...]
  npm run eval -- --language --samples samples.csv (language,text) [--json ...] [--html ...]
  npm run eval -- --entities --samples samples.jsonl ({"text", "entities": {kind: [values]}}) [--json ...] [--html ...]
  --model-dir DIR: where MiniLM's files are (default .models/all-minilm-l6-v2-q)

Embedders: hashed = TF-IDF head alone (retrieval: hashed n-gram vectors on the dense side);
minilm = MiniLM head alone; fused (default) = both heads; openai = both heads with vectors from
an OpenAI-compatible server (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_EMBEDDING_MODEL,
OPENAI_EMBEDDING_DIMENSIONS). --drop-articles removes that share of the articles (seeded) to
simulate knowledge gaps: queries only they answered become unanswerable, which measures how well
the top score detects them and fits the answerable probability.`;

async function main(): Promise<void> {
  helpRequested(USAGE);
  const {
    values: { escalation, duplicates, language, entities, ...values },
  } = parseCli({
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      kb: { type: 'string' },
      queries: { type: 'string' },
      embedder: { type: 'string', default: 'fused' },
      'oos-label': { type: 'string' },
      'target-precision': { type: 'string', default: '0.9' },
      'min-confidence': { type: 'string', default: '0.5' },
      'model-dir': { type: 'string', default: DEFAULT_MODEL_DIR },
      'drop-articles': { type: 'string', default: '0' },
      json: { type: 'string' },
      html: { type: 'string' },
      escalation: { type: 'boolean' },
      cv: { type: 'string' },
      duplicates: { type: 'boolean' },
      reports: { type: 'string' },
      pairs: { type: 'string' },
      language: { type: 'boolean' },
      entities: { type: 'boolean' },
      samples: { type: 'string' },
    },
  });
  const choice = values.embedder as EmbedderChoice;
  if (!EMBEDDER_CHOICES.includes(choice))
    throw new UsageError(`--embedder must be one of ${EMBEDDER_CHOICES.join(', ')}, got ${values.embedder}`);
  const targetPrecision = Number(values['target-precision']);
  if (!(targetPrecision > 0 && targetPrecision <= 1))
    throw new UsageError(`--target-precision must be in (0, 1], got ${values['target-precision']}`);
  const minConfidence = Number(values['min-confidence']);
  if (!(minConfidence >= 0 && minConfidence <= 1))
    throw new UsageError(`--min-confidence must be in [0, 1], got ${values['min-confidence']}`);
  const classification = values.train !== undefined || values.test !== undefined;
  const retrieval = values.kb !== undefined || values.queries !== undefined;
  if (!duplicates && !language && !entities && classification === retrieval)
    throw new UsageError('pass either --train and --test, or --kb and --queries');

  const embedderSettings: EmbedderSettings = {
    modelDir: values['model-dir'],
    threads: Math.min(2, availableParallelism()),
    env: process.env,
    warn: (message: string) => console.warn(`warning: ${message}`),
  };
  const report = language
    ? await languageReport(values)
    : entities
      ? await entitiesReport(values)
      : duplicates
        ? await duplicatesReport(values, choice, embedderSettings)
        : escalation
          ? await escalationReport(values, choice, embedderSettings)
          : classification
            ? await classify(values, choice, embedderSettings, targetPrecision, minConfidence)
            : await retrieve(values, choice, embedderSettings);
  console.log(report.text);
  if (values.json) await writeFile(values.json, `${JSON.stringify(report.result, null, 2)}\n`);
  if (values.html) await writeFile(values.html, report.html());
}

interface Report {
  result: unknown;
  text: string;
  html: () => string;
}

type Values = Record<string, string | undefined>;

async function classify(
  values: Values,
  choice: EmbedderChoice,
  settings: EmbedderSettings,
  targetPrecision: number,
  minConfidence: number,
): Promise<Report> {
  const { train: trainFile, test: testFile } = values;
  if (trainFile === undefined || testFile === undefined) throw new UsageError('classification needs both --train and --test');
  const [train, test] = await Promise.all([readExamples(trainFile), readExamples(testFile)]);
  const mode = MODES[choice];
  const embedder = mode === 'tfidf' ? undefined : await embedderFor(choice, settings);
  const result = await evaluateClassification(train, test, {
    trainFile,
    testFile,
    mode,
    embedder,
    oosLabel: values['oos-label'],
    targetPrecision,
    minConfidence,
  });
  return { result, text: formatClassification(result), html: () => classificationHtml(result) };
}

async function retrieve(values: Values, choice: EmbedderChoice, settings: EmbedderSettings): Promise<Report> {
  const { kb: kbFile, queries: queriesFile } = values;
  if (kbFile === undefined || queriesFile === undefined) throw new UsageError('retrieval needs both --kb and --queries');
  const dropShare = Number(values['drop-articles']);
  if (!(dropShare >= 0 && dropShare < 1)) throw new UsageError(`--drop-articles must be in [0, 1), got ${values['drop-articles']}`);
  const all = await readArticles(kbFile);
  const { articles, queries } = dropArticles(all, await readQueries(queriesFile, new Set(all.map((article) => article.id))), dropShare);
  const result = await evaluateRetrieval(articles, queries, await embedderFor(choice, settings), { kbFile, queriesFile });
  return { result, text: formatRetrieval(result), html: () => retrievalHtml(result) };
}

await runCli(main);
