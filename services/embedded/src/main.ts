// `npm start`: the whole pipeline in one process, on an embedded PostgreSQL (PGlite + pgvector) and
// an in-process bus: every service composed by the same `compose` function its own main.ts uses.
import { composeAdmin } from '@triage/admin';
import { createInProcessBus } from '@triage/bus';
import { CategorizerConfig, composeCategorizer } from '@triage/categorizer';
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { composeEscalator, EscalatorConfig } from '@triage/escalator';
import { composeHandoff, HandoffConfig } from '@triage/handoff-composer';
import { composeInsights, InsightsConfig } from '@triage/insights';
import { composeIntake, IntakeConfig } from '@triage/intake';
import { composeKbRetrieval } from '@triage/kb-retrieval';
import { composeLifecycle } from '@triage/lifecycle-ingest';
import { composeKnowledgeLoop, KnowledgeLoopConfig } from '@triage/knowledge-loop';
import { composeProblems, ProblemsConfig } from '@triage/problems';
import { RetrievalConfig } from '@triage/knowledge';
import { OperatorConfig } from '@triage/http';
import { LlmEnv } from '@triage/llm';
import { redactDeep } from '@triage/redaction';
import { composeProcess, createLogger, type LogFields, loadConfig, runUntilSignal } from '@triage/runtime';
import { composeRtConnector, RtConnectorConfig } from '@triage/rt-connector';
import { composeSlaWatch, SlaWatchConfig } from '@triage/sla-watch';
import { createBusJournal, createPgliteStore } from '@triage/store';
import { WebhookEgressConfig } from '@triage/webhook-policy';
import { composeWebhooks, WebhooksConfig } from '@triage/webhooks';
import { Registry } from 'prom-client';
import { dataDirOf, EmbeddedConfig } from './config.ts';
import { seedDemo } from './seed-demo.ts';

const config = loadConfig(EmbeddedConfig);
const logger = createLogger({ service: 'triage', level: config.LOG_LEVEL, redact: (f) => redactDeep(f) as LogFields });
const dataDir = dataDirOf(config);
const store = await createPgliteStore({ ...(dataDir ? { dataDir } : {}), embeddingDim: 384 });
// On disk the bus journals to the same database, so an outbox row is marked sent only once durable.
const bus = createInProcessBus({ logger, ...(dataDir ? { journal: createBusJournal(store.sql) } : {}) });
const embeddings = await createEmbeddings(loadConfig(EmbeddingsEnv), { warn: (m) => logger.warn(m) });
await seedDemo(store, embeddings, config, logger);

const deps = { store, bus, logger, registry: new Registry(), instanceId: 'embedded' };
const llm = loadConfig(LlmEnv);
const retrieval = loadConfig(RetrievalConfig);
const insights = await composeInsights({
  ...deps,
  config: { ...loadConfig(InsightsConfig), ...loadConfig(OperatorConfig), OPS_DEFAULT_TENANT: config.DEMO_TENANT },
});
const services = [
  await composeCategorizer({ ...deps, embeddings, config: loadConfig(CategorizerConfig) }),
  await composeKbRetrieval({ ...deps, embeddings, config: retrieval }),
  await composeEscalator({ ...deps, config: loadConfig(EscalatorConfig), llm }),
  await composeHandoff({ ...deps, llm, config: loadConfig(HandoffConfig) }),
  await composeLifecycle(deps),
  // On unless PROBLEMS=false: the bench measures the pipeline with and without it.
  ...(loadConfig(ProblemsConfig).PROBLEMS ? [await composeProblems({ ...deps, config: loadConfig(ProblemsConfig) })] : []),
  await composeSlaWatch({ ...deps, config: loadConfig(SlaWatchConfig) }),
  await composeIntake({
    ...deps,
    embeddings,
    retrieval,
    config: loadConfig(IntakeConfig),
    demoWidgetKey: config.DEMO_WIDGET_KEY,
  }),
  insights,
  await composeKnowledgeLoop({ ...deps, config: loadConfig(KnowledgeLoopConfig), llm }),
  await composeAdmin({ ...deps, config: { ...loadConfig(OperatorConfig), ...loadConfig(WebhookEgressConfig) } }),
  await composeWebhooks({ ...deps, config: { ...loadConfig(WebhooksConfig), ...loadConfig(WebhookEgressConfig) } }),
  // Off unless RT_URL names a Request Tracker to send routed tickets to.
  ...(loadConfig(RtConnectorConfig.pick({ RT_URL: true }).partial()).RT_URL
    ? [await composeRtConnector({ ...deps, config: loadConfig(RtConnectorConfig) })]
    : []),
];

const { lifecycle } = composeProcess({
  ...deps,
  name: 'triage',
  services,
  httpPort: config.PORT,
  healthPort: config.HEALTH_PORT,
  // A laptop's demo: nothing but this machine needs to scrape it.
  healthHost: '127.0.0.1',
  onReady: ({ httpPort, healthPort }) => {
    const url = `http://localhost:${httpPort}`;
    logger.info('started', { url, tenant: config.DEMO_TENANT, embedder: embeddings.name });
    process.stderr.write(
      `\nTriage is running at ${url}  (embedder: ${embeddings.name})\n` +
        `  API key:    ${config.DEMO_API_KEY}\n  widget key: ${config.DEMO_WIDGET_KEY}\n` +
        `  try:        ${url}/demo (chat widget)   npm run tail -- tickets.routed\n` +
        `  operations: ${url}${insights.opsSignInPath(config.DEMO_TENANT)}\n` +
        `  metrics:    http://127.0.0.1:${healthPort}/metrics\n\n`,
    );
  },
});
await runUntilSignal(lifecycle, logger);
