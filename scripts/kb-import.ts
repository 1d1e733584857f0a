// `npm run kb:import -- <file.jsonl | folder of .md> [--tenant <id>] [--data-dir <folder>]`: chunks,
// embeds and stores articles, then tells running intake and kb-retrieval instances to refresh.
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { announceKbUpdate, importArticles, readKnowledgeBase } from '@triage/knowledge';
import { loadConfig } from '@triage/runtime';
import { helpRequested, parseCli } from './cli/args.ts';
import { UsageError } from './cli/failures.ts';
import { runCli } from './cli/run.ts';
import { dataDirOf, dataDirUsage, openStore } from './cli/store.ts';

const USAGE = `usage: npm run kb:import -- <file.jsonl | folder of .md files> [--tenant <id>] [--data-dir <folder>]

Imports articles ({id,title,body,url} lines, or Markdown files) into the tenant's knowledge base
(default tenant: demo), replacing articles with the same id, and tells running services to refresh.
${dataDirUsage('the articles')}`;

await runCli(async () => {
  helpRequested(USAGE);
  const { values, positionals } = parseCli({
    allowPositionals: true,
    options: { tenant: { type: 'string', default: 'demo' }, 'data-dir': { type: 'string' } },
  });
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0) throw new UsageError('give one .jsonl file or one folder of .md files');

  const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => console.error(m) });
  const articles = await readKnowledgeBase(path);
  const store = await openStore(dataDirOf(values['data-dir']), 'stop it first (Ctrl-C), then import; it loads the articles when it starts');
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
});
