// `npm run kb:import -- <file.jsonl | folder of .md> [--tenant <id>]`: chunks, embeds and stores
// articles in PostgreSQL (DATABASE_URL), then tells running intake and kb-retrieval instances to refresh.
import { parseArgs } from 'node:util';
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { announceKbUpdate, importArticles, readKnowledgeBase } from '@triage/knowledge';
import { loadConfig, PlatformEnv } from '@triage/runtime';
import { createPgStore } from '@triage/store';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { tenant: { type: 'string', default: 'demo' } } });
const path = positionals[0];
if (!path) {
  console.error('usage: npm run kb:import -- <file.jsonl | folder of .md files> [--tenant <id>]');
  process.exit(2);
}

const platform = loadConfig(PlatformEnv);
const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => console.error(m) });
const articles = await readKnowledgeBase(path);
const store = await createPgStore({ url: platform.DATABASE_URL, embeddingDim: platform.EMBEDDING_DIM });
try {
  const started = performance.now();
  const tenantId = values.tenant;
  const result = await importArticles(articles, {
    store,
    embeddings,
    tenantId,
    onProgress: (done, total) => process.stderr.write(`\r${done}/${total} articles`),
  });
  await announceKbUpdate(store, tenantId);
  console.error(
    `\nimported ${result.articles} articles (${result.chunks} chunks) for tenant ${tenantId} in ${((performance.now() - started) / 1000).toFixed(1)} s with ${embeddings.name}`,
  );
} finally {
  await store.close();
}
