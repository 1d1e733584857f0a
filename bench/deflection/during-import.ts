import { createKafkaBus } from '@triage/bus';
import type { TextEmbedder } from '@triage/embeddings';
import { composeIntake, IntakeConfig } from '@triage/intake';
import { importArticles, type KbFileArticle, type RetrievalConfig } from '@triage/knowledge';
import { composeProcess, createLogger } from '@triage/runtime';
import { createPgStore } from '@triage/store';
import { Registry } from 'prom-client';
import { timeEach } from '../support/stats.ts';
import { deflectClient } from './deflect.ts';
import { UNLIMITED, WARM_UP } from './endpoint.ts';

export interface DuringImportOptions {
  databaseUrl: string;
  brokers: string;
  topicPrefix: string;
  embeddings: TextEmbedder;
  retrieval: RetrievalConfig;
  widgetKey: string;
  questions: string[];
  /** Imported, into `importTenant`, by the same process while the endpoint is timed. */
  articles: KbFileArticle[];
  importTenant: string;
}

export interface DuringImportResult {
  /** Milliseconds per request with nothing else in the process. */
  idle: number[];
  /** Milliseconds per request while the import embedded and stored its articles. */
  duringImport: number[];
  import: { articles: number; chunks: number; seconds: number };
}

/**
 * `POST /v1/deflect` served by intake composed in this process, on the embedder this process
 * imports with, one request at a time over loopback HTTP: first alone, then for as long as an
 * import of `articles` (what `npm run kb:import` or the embedded default's demo seeding runs) keeps
 * the same worker threads and event loop busy.
 */
export const measureDuringImport = async (options: DuringImportOptions): Promise<DuringImportResult> => {
  const logger = createLogger({ service: 'deflection-bench', level: 'warn' });
  const bus = createKafkaBus({ brokers: [options.brokers], clientId: 'bench-deflect', topicPrefix: options.topicPrefix, logger });
  // One store for the endpoint and the import, as in one deployed process; stopping the process closes it and the bus.
  const store = await createPgStore({ url: options.databaseUrl, embeddingDim: options.embeddings.dimension });
  const deps = { store, bus, logger, registry: new Registry(), instanceId: 'bench-deflect' };
  const intake = await composeIntake({
    ...deps,
    embeddings: options.embeddings,
    retrieval: options.retrieval,
    config: IntakeConfig.parse(UNLIMITED),
  });
  const running = composeProcess({ ...deps, name: 'intake', services: [intake], httpPort: 0, healthPort: 0 });
  await running.lifecycle.start();
  try {
    const deflect = deflectClient(`http://127.0.0.1:${running.httpPort()}/v1/deflect`, options.widgetKey);
    await timeEach(options.questions.slice(0, WARM_UP), (q) => deflect(q));
    const idle = await timeEach(options.questions, (q) => deflect(q));

    const started = performance.now();
    let importing = true;
    const imported = importArticles(options.articles, { store, embeddings: options.embeddings, tenantId: options.importTenant }).finally(
      () => {
        importing = false;
      },
    );
    const duringImport: number[] = [];
    for (let i = 0; importing; i++) {
      const sent = performance.now();
      await deflect(options.questions[i % options.questions.length]!);
      if (importing) duringImport.push(performance.now() - sent);
    }
    const { articles, chunks } = await imported;
    return { idle, duringImport, import: { articles, chunks, seconds: Math.round((performance.now() - started) / 100) / 10 } };
  } finally {
    await running.lifecycle.stop();
  }
};
