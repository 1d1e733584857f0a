import { createKafkaBus, type LostSubscription } from '@triage/bus';
import { redactDeep } from '@triage/redaction';
import { createPgStore } from '@triage/store';
import { Registry } from 'prom-client';
import { loadConfig } from './config.ts';
import { type Lifecycle, runUntilSignal, stopAndExit } from './lifecycle.ts';
import { createLogger, type LogFields } from './logger.ts';
import { PlatformEnv } from './platform-config.ts';
import { composeProcess } from './process.ts';
import type { ServiceDeps, ServiceParts } from './service.ts';

/** What a standalone service's `main.ts` composes it from: the shared dependencies and the platform settings. */
export type StandaloneDeps = ServiceDeps & { config: PlatformEnv };

/**
 * Boots a service as its own process on Kafka and PostgreSQL: validates the environment, connects,
 * lets `compose` build the service, starts consuming only when everything is wired, serves its routes
 * (or its probes alone), and stops in two phases on SIGTERM.
 */
export const runStandalone = async (service: string, compose: (deps: StandaloneDeps) => Promise<ServiceParts>): Promise<void> => {
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
  const registry = new Registry();
  const parts = await compose({ config, store, bus, logger, registry, instanceId: config.INSTANCE_ID });
  const process = composeProcess({
    name: service,
    store,
    bus,
    logger,
    registry,
    services: [parts],
    httpPort: config.PORT,
    healthPort: config.HEALTH_PORT,
  });
  lifecycle = process.lifecycle;
  await runUntilSignal(lifecycle, logger);
  // Where `/livez`, `/readyz` and `/metrics` answer (the internal port), and the API's when it has one.
  logger.info('started', {
    workers: parts.workers.map((w) => w.name),
    healthPort: process.healthPort(),
    ...(parts.http ? { httpPort: process.httpPort() } : {}),
  });
};
