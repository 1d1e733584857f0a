// A child process of the deflection bench: intake, composed as its main.ts composes it, serving
// `POST /v1/deflect`, which imports knowledge-base articles on the same embedder when told to, so
// the endpoint is timed from outside while an import embeds in its own process. Over IPC: it sends
// `{ port }` once it serves; `{ import: articles, tenantId }` starts an import, answered with
// `{ imported }` when it has finished; a disconnect stops it.
import { createKafkaBus } from '@triage/bus';
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { composeIntake, IntakeConfig } from '@triage/intake';
import { importArticles, type KbFileArticle, RetrievalConfig } from '@triage/knowledge';
import { composeProcess, createLogger } from '@triage/runtime';
import { createPgStore } from '@triage/store';
import { Registry } from 'prom-client';
import { noFallback } from '../support/minilm.ts';
import { UNLIMITED } from './endpoint.ts';

export interface ImportRequest {
  import: KbFileArticle[];
  tenantId: string;
}
export type ImportServerMessage = { port: number } | { imported: { articles: number; chunks: number; seconds: number } };

const send = (message: ImportServerMessage) => process.send!(message);
const env = process.env as Record<string, string>;
const logger = createLogger({ service: 'deflection-bench-intake', level: 'warn' });
const embeddings = await createEmbeddings(EmbeddingsEnv.parse(env), noFallback);
const store = await createPgStore({ url: env.DATABASE_URL!, embeddingDim: embeddings.dimension });
const bus = createKafkaBus({ brokers: [env.KAFKA_BROKERS!], clientId: 'bench-deflect', topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '', logger });
const deps = { store, bus, logger, registry: new Registry(), instanceId: 'bench-deflect' };
const intake = await composeIntake({ ...deps, embeddings, retrieval: RetrievalConfig.parse(env), config: IntakeConfig.parse(UNLIMITED) });
// Stopping the process closes its store and bus.
const running = composeProcess({ ...deps, name: 'intake', services: [intake], httpPort: 0, healthPort: 0 });
await running.lifecycle.start();

process.on('message', async ({ import: articles, tenantId }: ImportRequest) => {
  const started = performance.now();
  const { chunks } = await importArticles(articles, { store, embeddings, tenantId });
  send({ imported: { articles: articles.length, chunks, seconds: Math.round((performance.now() - started) / 100) / 10 } });
});
process.on('disconnect', () => void running.lifecycle.stop().then(() => process.exit(0)));
send({ port: running.httpPort() });
