import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import type { TestProject } from 'vitest/node';
import { startKafkaContainer } from '../../infra/kafka/container.ts';
import { waitForKafka } from '../../infra/kafka/ready.ts';
import { ensureKafka } from '../../infra/kafka/up.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Bootstrap servers of a ready Kafka, comma-separated `host:port` (e.g. `127.0.0.1:19092`). */
    kafkaBrokers: string;
  }
}

const READY_TIMEOUT_MS = 120_000;

/**
 * Provides a ready Kafka to every test: `KAFKA_BROKERS` when set (an external cluster), else a
 * throwaway container when Docker is reachable, else the native broker from infra/kafka, which is
 * left running afterwards so the next run starts in well under a second.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.KAFKA_BROKERS;
  if (external) {
    await waitForKafka(external, { timeoutMs: READY_TIMEOUT_MS });
    project.provide('kafkaBrokers', external);
    return undefined;
  }

  const runtime = await dockerRuntime();
  if (runtime) {
    const container = await startKafkaContainer(runtime);
    await waitForKafka(container.brokers, { timeoutMs: READY_TIMEOUT_MS });
    project.provide('kafkaBrokers', container.brokers);
    return () => container.stop();
  }

  try {
    const { brokers } = await ensureKafka({ readyTimeoutMs: READY_TIMEOUT_MS });
    project.provide('kafkaBrokers', brokers);
    return undefined;
  } catch (error) {
    throw new Error(
      `Tests need Kafka and none could be started: ${(error as Error).message}\n` +
        'Start one with `npm run infra:up` (native broker: needs java 17+ and mvn), start Docker, ' +
        'or point KAFKA_BROKERS at a running cluster.',
      { cause: error },
    );
  }
}

const dockerRuntime = async (): Promise<ContainerRuntimeClient | undefined> => {
  try {
    return await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
};
