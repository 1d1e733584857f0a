import { readFile } from 'node:fs/promises';
import { Taxonomy } from '@triage/contracts';
import type { TextEmbedder } from '@triage/embeddings';
import { keyRateLimit } from '@triage/http';
import { createKnowledgeBase, type RetrievalConfig } from '@triage/knowledge';
import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import { createIntakeApp } from './app.ts';
import { createBroadcaster } from './broadcaster.ts';
import type { IntakeConfig } from './config.ts';
import { createOutboxRelay } from './outbox-relay.ts';
import { wakingStore } from './waking-store.ts';

export interface IntakeServiceDeps extends ServiceDeps {
  config: IntakeConfig;
  retrieval: RetrievalConfig;
  embeddings: TextEmbedder;
  /** Serves `/demo`, a page embedding the widget with this key (the embedded default only). */
  demoWidgetKey?: string | undefined;
}

/**
 * Intake: the public API (tickets in, deflection for chat widgets, the SSE stream) and the outbox
 * relay that publishes what it accepted. The stream fan-out and the relay start before the HTTP
 * listener, so no request is accepted before they are wired; stopping in reverse, the listener
 * closes first and the relay still publishes what was accepted.
 */
export const composeIntake = async (deps: IntakeServiceDeps): Promise<ServiceParts> => {
  // Searches before the index is built work, only slower: intake accepts requests meanwhile.
  const kb = createKnowledgeBase({ ...deps, config: deps.retrieval, owner: 'intake', warm: 'background' });
  const broadcaster = createBroadcaster(deps.bus, deps.instanceId);
  const relay = createOutboxRelay({
    store: deps.store,
    bus: deps.bus,
    logger: deps.logger,
    batchSize: deps.config.OUTBOX_BATCH_SIZE,
    idleMs: deps.config.OUTBOX_IDLE_MS,
    lingerMs: deps.config.OUTBOX_LINGER_MS,
  });
  const http = createIntakeApp({
    store: wakingStore(deps.store, relay.wake),
    search: kb.search,
    broadcaster,
    taxonomy: Taxonomy.parse(JSON.parse(await readFile(deps.config.TAXONOMY_FILE, 'utf8'))),
    logger: deps.logger,
    rateLimit: keyRateLimit(deps.config),
    clientRateLimit: { perSecond: deps.config.WIDGET_CLIENT_RATE_PER_SECOND, burst: deps.config.WIDGET_CLIENT_BURST },
    authFailures: deps.config,
    trustedProxies: deps.config.TRUSTED_PROXIES,
    maxBodyBytes: deps.config.MAX_BODY_BYTES,
    keyCacheMs: deps.config.KEY_CACHE_MS,
    demoWidgetKey: deps.demoWidgetKey,
  });
  return {
    name: 'intake',
    components: [...kb.components, broadcaster, relay],
    // An import (`npm run kb:import`) announces itself; the deflection endpoint searches the new articles at once.
    workers: kb.workers,
    http,
  };
};
