// `npm start`: the whole pipeline in one process, on an embedded PostgreSQL (PGlite + pgvector) and
// an in-process bus. The same workers as the standalone services, composed here.
import { createInProcessBus } from '@triage/bus';
import { createCategorizer, CategorizerConfig } from '@triage/categorizer';
import { createEmbeddings, EmbeddingsEnv } from '@triage/embeddings';
import { defaultEscalationPolicy, lexiconSentiment, createEscalatorWorker } from '@triage/escalator';
import { createHandoffWorker } from '@triage/handoff-composer';
import { createIntake, IntakeConfig } from '@triage/intake';
import { createKbRetrievalWorker, createKnowledgeSearch, RetrievalConfig } from '@triage/kb-retrieval';
import { createStageMetrics } from '@triage/metrics';
import { redactDeep } from '@triage/redaction';
import {
  connectionsComponent,
  createLifecycle,
  createLogger,
  loadConfig,
  readinessGate,
  runUntilSignal,
  workerComponent,
  type LogFields,
  type Worker,
} from '@triage/runtime';
import { createPgliteStore } from '@triage/store';
import { Registry } from 'prom-client';
import { EmbeddedConfig } from './config.ts';
import { seedDemo } from './seed-demo.ts';

const config = loadConfig(EmbeddedConfig);
const logger = createLogger({ service: 'triage', level: config.LOG_LEVEL, redact: (f) => redactDeep(f) as LogFields });
const embeddingsConfig = loadConfig(EmbeddingsEnv);
const store = await createPgliteStore({ ...(config.DATA_DIR ? { dataDir: config.DATA_DIR } : {}), embeddingDim: 384 });
const bus = createInProcessBus({ logger });
const embeddings = await createEmbeddings(embeddingsConfig, { warn: (m) => logger.warn(m) });
await seedDemo(store, embeddings, config, logger);

const registry = new Registry();
const stageMetrics = createStageMetrics(registry, 'triage');
const search = createKnowledgeSearch({ store, embeddings, config: loadConfig(RetrievalConfig) });
const categorizer = await createCategorizer({ store, embeddings, logger, config: loadConfig(CategorizerConfig), instanceId: 'embedded' });
const workers: Worker[] = [
  ...categorizer.workers,
  createKbRetrievalWorker({ store, search }),
  createEscalatorWorker({ store, policy: defaultEscalationPolicy, sentiment: lexiconSentiment }),
  createHandoffWorker({ store }),
];

const readiness = readinessGate(() => {
  const url = `http://localhost:${intake.http.port()}`;
  logger.info('started', { url, tenant: config.DEMO_TENANT, embedder: embeddings.name });
  process.stderr.write(
    `\nTriage is running at ${url}  (embedder: ${embeddings.name})\n` +
      `  API key:    ${config.DEMO_API_KEY}\n  widget key: ${config.DEMO_WIDGET_KEY}\n` +
      `  try:        ${url}/demo (chat widget)   ${url}/ops (operations)   npm run tail -- tickets.routed\n\n`,
  );
});
const intake = createIntake({
  store,
  bus,
  search,
  logger,
  config: { ...loadConfig(IntakeConfig), PORT: config.PORT },
  instanceId: 'embedded',
  registry,
  defaultTenant: config.DEMO_TENANT,
  demoWidgetKey: config.DEMO_WIDGET_KEY,
  isReady: readiness.isReady,
});
await runUntilSignal(
  createLifecycle(
    [
      connectionsComponent(bus, store),
      ...workers.map((w) => workerComponent(bus, { ...w, handler: stageMetrics.wrap(w.name, w.handler) })),
      ...intake.components,
      readiness.component,
    ],
    logger,
  ),
  logger,
);
