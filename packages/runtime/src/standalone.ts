import { createKafkaBus, type Bus, type LostSubscription } from '@triage/bus';
import { createPgStore, type Store } from '@triage/store';
import { redactDeep } from '@triage/redaction';
import { createStageMetrics, metricsText } from '@triage/metrics';
import { Registry } from 'prom-client';
import { loadConfig } from './config.ts';
import { createHealthServer } from './health.ts';
import { createLifecycle, runUntilSignal, stopAndExit, type Component, type Lifecycle } from './lifecycle.ts';
import { createLogger, type LogFields, type Logger } from './logger.ts';
import { connectionsComponent, readinessGate } from './process-parts.ts';
import { PlatformEnv } from './platform-config.ts';
import { workerComponent, type Worker } from './worker.ts';

export interface Platform {
  config: PlatformEnv;
  store: Store;
  bus: Bus;
  logger: Logger;
  /** Where every part of the process registers its Prometheus metrics (served at `/metrics`). */
  registry: Registry;
  /** True once every part has started and until stopping begins. */
  isReady: () => boolean;
}

export interface StandaloneService {
  workers: Worker[];
  /** Extra parts started before the workers (an HTTP server, a relay) and stopped after them. */
  components?: Component[];
}

/**
 * Boots a service as its own process on Kafka and PostgreSQL: validates the environment, connects,
 * lets `build` compose the service, starts consuming only when everything is wired, serves health,
 * and stops in two phases on SIGTERM.
 */
export const runStandalone = async (service: string, build: (platform: Platform) => Promise<StandaloneService>): Promise<void> => {
  const config = loadConfig(PlatformEnv);
  const logger = createLogger({ service, level: config.LOG_LEVEL, redact: (f) => redactDeep(f) as LogFields });
  const store = await createPgStore({ url: config.DATABASE_URL, embeddingDim: config.EMBEDDING_DIM, poolSize: config.DATABASE_POOL_SIZE });
  // A consumer lost for good would leave the process up and healthy-looking while it reads nothing:
  // the service stops instead (exit 1), and its supervisor starts it again.
  let lifecycle: Lifecycle | undefined;
  const onSubscriptionLost = ({ topic, group, error }: LostSubscription) => {
    logger.error('a subscription stopped consuming for good; stopping the service', { topic, group, err: error });
    if (lifecycle) stopAndExit(lifecycle, logger, 1);
  };
  const bus = createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: `${service}-${config.INSTANCE_ID}`,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    logger,
    onSubscriptionLost,
  });
  const readiness = readinessGate();
  const registry = new Registry();
  const built = await build({ config, store, bus, logger, registry, isReady: readiness.isReady });
  const stageMetrics = createStageMetrics(registry, service);
  const health = createHealthServer({ port: config.HEALTH_PORT, isReady: readiness.isReady, metrics: () => metricsText(registry) });
  lifecycle = createLifecycle(
    [
      connectionsComponent(bus, store),
      health,
      ...(built.components ?? []),
      ...built.workers.map((w) => workerComponent(bus, { ...w, handler: stageMetrics.wrap(w.name, w.handler) })),
      readiness.component,
    ],
    logger,
  );
  await runUntilSignal(lifecycle, logger);
  logger.info('started', { workers: built.workers.map((w) => w.name), healthPort: health.port() });
};
