import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import type { KbFileArticle } from '@triage/knowledge';
import { timeEach } from '../support/stats.ts';
import { deflectClient } from './deflect.ts';
import { WARM_UP } from './endpoint.ts';
import type { ImportRequest, ImportServerMessage } from './import-server.ts';

export interface DuringImportOptions {
  /** The environment intake reads (Kafka, PostgreSQL, the embedder, retrieval settings). */
  env: Record<string, string>;
  widgetKey: string;
  questions: string[];
  /** Imported, into `importTenant`, by the process serving the endpoint while it is timed. */
  articles: KbFileArticle[];
  importTenant: string;
}

export interface DuringImportResult {
  /** Milliseconds per request with nothing else in intake's process. */
  idle: number[];
  /** Milliseconds per request while the import embedded and stored its articles. */
  duringImport: number[];
  import: { articles: number; chunks: number; seconds: number };
}

const next = async (child: ChildProcess): Promise<ImportServerMessage> => {
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the intake that imports exited (${code})`);
    }),
  ])) as [ImportServerMessage];
  return message;
};

/**
 * `POST /v1/deflect` served by an intake process that also imports (`import-server.ts`), one request
 * at a time over loopback HTTP: first alone, then for as long as an import of `articles` (what
 * `npm run kb:import` or the embedded default's demo seeding runs) keeps its worker threads and
 * event loop busy. The client is this process, so its own work is not timed as the server's.
 */
export const measureDuringImport = async (options: DuringImportOptions): Promise<DuringImportResult> => {
  const child = fork(new URL('./import-server.ts', import.meta.url), { env: { ...process.env, ...options.env }, stdio: 'inherit' });
  try {
    const ready = await next(child);
    if (!('port' in ready)) throw new Error('the intake that imports answered before it served');
    const deflect = deflectClient(`http://127.0.0.1:${ready.port}/v1/deflect`, options.widgetKey);
    await timeEach(options.questions.slice(0, WARM_UP), (q) => deflect(q));
    const idle = await timeEach(options.questions, (q) => deflect(q));

    child.send({ import: options.articles, tenantId: options.importTenant } satisfies ImportRequest);
    let imported: DuringImportResult['import'] | undefined;
    const done = next(child).then((message) => {
      if (!('imported' in message)) throw new Error('the intake that imports sent no import result');
      imported = message.imported;
    });
    const duringImport: number[] = [];
    for (let i = 0; !imported; i++) {
      const sent = performance.now();
      await deflect(options.questions[i % options.questions.length]!);
      if (!imported) duringImport.push(performance.now() - sent);
    }
    await done;
    return { idle, duringImport, import: imported };
  } finally {
    child.disconnect();
    await once(child, 'exit');
  }
};
