/**
 * Embedder benchmark: load time, memory, and throughput of the hashed and MiniLM embedders.
 *
 *   node bench/embeddings.bench.ts [--threads 2] [--texts 2000] [--short texts.csv] [--long kb.jsonl]
 *
 * Short texts come from a text,category CSV (default: banking77 test messages); long ones are
 * chunks (~200 words) of a knowledge base in JSONL (default: the WixQA sample).
 * "batch 1" embeds one text per call, one call at a time (a service answering single requests);
 * "batch 32" passes 32 texts per embedDocuments call. "contention" times short urgent calls while
 * other work keeps the worker threads busy (see embeddings/contention.ts). Results go to
 * bench/results/embeddings.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { HashedNgramEmbeddings, loadMiniLm } from '@triage/embeddings';
import type { TextEmbedder } from '@triage/embeddings';
import { chunkText, readExamples } from '@triage/ml';
import { DEFAULT_MODEL_DIR, fetchModel } from '../infra/model/fetch.ts';
import { readArticles } from '../scripts/eval/read-kb.ts';
import { measureContention } from './embeddings/contention.ts';

const { values } = parseArgs({
  options: {
    threads: { type: 'string', default: '2' },
    texts: { type: 'string', default: '2000' },
    short: { type: 'string', default: '/work/shared/fixtures/banking77/test.csv' },
    long: { type: 'string', default: '/work/shared/fixtures/wixqa-sample/kb.jsonl' },
  },
});
const threads = Number(values.threads);
const resultsFile = new URL('./results/embeddings.json', import.meta.url);

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function throughput(embedder: TextEmbedder, texts: string[], batch: number): Promise<number> {
  const started = performance.now();
  if (batch === 1) for (const text of texts) await embedder.embedQuery(text);
  else for (let i = 0; i < texts.length; i += batch) await embedder.embedDocuments(texts.slice(i, i + batch));
  return Math.round(texts.length / ((performance.now() - started) / 1000));
}

async function medianLatencyMs(embedder: TextEmbedder, texts: string[]): Promise<number> {
  const times: number[] = [];
  for (const text of texts.slice(0, 200)) {
    const started = performance.now();
    await embedder.embedQuery(text);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}

async function measure(load: () => Promise<TextEmbedder>, short: string[], long: string[]) {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const embedder = await load();
  const loadSeconds = Math.round(performance.now() - started) / 1000;
  const rssAfterLoad = process.memoryUsage().rss;
  await embedder.embedDocuments(short.slice(0, 50)); // warm-up
  const result = {
    embedder: embedder.name,
    loadSeconds,
    rssAfterLoadMiB: mib(rssAfterLoad),
    rssGrowthOnLoadMiB: mib(rssAfterLoad - rssBefore),
    shortTextsPerSecond: { batch1: await throughput(embedder, short, 1), batch32: await throughput(embedder, short, 32) },
    longTextsPerSecond: { batch1: await throughput(embedder, long, 1), batch32: await throughput(embedder, long, 32) },
    medianQueryMs: await medianLatencyMs(embedder, short),
    contention: await measureContention(embedder, short, long),
    rssAfterRunMiB: mib(process.memoryUsage().rss),
  };
  console.log(result);
  return result;
}

const short = (await readExamples(values.short)).slice(0, Number(values.texts)).map((example) => example.text);
const long = (await readArticles(values.long)).flatMap((article) => chunkText(article.title, article.body)).slice(0, 200);
const { dir } = await fetchModel({ dir: DEFAULT_MODEL_DIR });
const results = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  // Other work on the machine skews every number: record how busy it was.
  loadAverage: loadavg(),
  threads,
  shortTexts: short.length,
  longTexts: long.length,
  embedders: [
    await measure(async () => new HashedNgramEmbeddings(), short, long),
    await measure(() => loadMiniLm({ dir, threads }), short, long),
  ],
};
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${resultsFile.pathname}`);
