/**
 * Evaluates the classifier or the knowledge-base retrieval on labelled files.
 *
 *   node scripts/eval.ts --train train.csv --test test.csv [--embedder hashed|minilm|fused|openai]
 *        [--oos-label NAME] [--target-precision 0.9] [--json out.json] [--html report.html]
 *   node scripts/eval.ts --kb kb.jsonl --queries queries.jsonl [--embedder ...] [--json ...] [--html ...]
 *
 * Embedders: hashed = TF-IDF head alone (retrieval: hashed n-gram vectors on the dense side);
 * minilm = MiniLM head alone; fused (default) = both heads; openai = both heads with vectors from
 * an OpenAI-compatible server (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_EMBEDDING_MODEL,
 * OPENAI_EMBEDDING_DIMENSIONS).
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { ClassifierMode } from '@triage/ml';
import { DEFAULT_MODEL_DIR } from '../infra/model/fetch.ts';
import { evaluateClassification } from './eval/classify.ts';
import { EMBEDDER_CHOICES, embedderFor } from './eval/embedder.ts';
import type { EmbedderChoice } from './eval/embedder.ts';
import { InputError } from './eval/input-error.ts';
import { readExamples } from './eval/read-examples.ts';
import { readArticles, readQueries } from './eval/read-kb.ts';
import { classificationHtml, retrievalHtml } from './eval/report-html.ts';
import { formatClassification, formatRetrieval } from './eval/report-text.ts';
import { evaluateRetrieval } from './eval/retrieve.ts';

const MODES: Record<EmbedderChoice, ClassifierMode> = { hashed: 'tfidf', minilm: 'embedding', fused: 'fused', openai: 'fused' };

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      kb: { type: 'string' },
      queries: { type: 'string' },
      embedder: { type: 'string', default: 'fused' },
      'oos-label': { type: 'string' },
      'target-precision': { type: 'string', default: '0.9' },
      'model-dir': { type: 'string', default: DEFAULT_MODEL_DIR },
      json: { type: 'string' },
      html: { type: 'string' },
    },
  });
  const choice = values.embedder as EmbedderChoice;
  if (!EMBEDDER_CHOICES.includes(choice)) throw new UsageError(`--embedder must be one of ${EMBEDDER_CHOICES.join(', ')}, got ${values.embedder}`);
  const targetPrecision = Number(values['target-precision']);
  if (!(targetPrecision > 0 && targetPrecision <= 1)) throw new UsageError(`--target-precision must be in (0, 1], got ${values['target-precision']}`);
  const classification = values.train !== undefined || values.test !== undefined;
  const retrieval = values.kb !== undefined || values.queries !== undefined;
  if (classification === retrieval) throw new UsageError('pass either --train and --test, or --kb and --queries');

  const embedderSettings = {
    modelDir: values['model-dir'],
    threads: Math.min(2, availableParallelism()),
    env: process.env,
    warn: (message: string) => console.warn(`warning: ${message}`),
  };
  let result;
  let text: string;
  let html: string;
  if (classification) {
    if (values.train === undefined || values.test === undefined) throw new UsageError('classification needs both --train and --test');
    const [train, test] = await Promise.all([readExamples(values.train), readExamples(values.test)]);
    const mode = MODES[choice];
    const embedder = mode === 'tfidf' ? undefined : await embedderFor(choice, embedderSettings);
    result = await evaluateClassification(train, test, {
      trainFile: values.train,
      testFile: values.test,
      mode,
      embedder,
      oosLabel: values['oos-label'],
      targetPrecision,
    });
    text = formatClassification(result);
    html = classificationHtml(result);
  } else {
    if (values.kb === undefined || values.queries === undefined) throw new UsageError('retrieval needs both --kb and --queries');
    const articles = await readArticles(values.kb);
    const queries = await readQueries(values.queries, new Set(articles.map((article) => article.id)));
    const embedder = await embedderFor(choice, embedderSettings);
    result = await evaluateRetrieval(articles, queries, embedder, { kbFile: values.kb, queriesFile: values.queries });
    text = formatRetrieval(result);
    html = retrievalHtml(result);
  }
  console.log(text);
  if (values.json) await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
  if (values.html) await writeFile(values.html, html);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof InputError || error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error;
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
