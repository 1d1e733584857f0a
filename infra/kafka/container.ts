import { GenericContainer, RandomPortGenerator, Wait, type ContainerRuntimeClient } from 'testcontainers';
import { singleNodeDefaults, toImageEnv } from './settings.ts';

export const KAFKA_IMAGE = 'apache/kafka:4.1.1';

export interface KafkaContainer {
  brokers: string;
  stop(): Promise<void>;
}

/**
 * Starts a single-node KRaft Kafka in Docker. The advertised address must be the one clients dial,
 * so the host port is chosen before the container starts instead of letting Docker pick one.
 */
export const startKafkaContainer = async (runtime: ContainerRuntimeClient): Promise<KafkaContainer> => {
  const host = runtime.info.containerRuntime.host;
  const port = await new RandomPortGenerator().generatePort();
  const settings = {
    'node.id': '1',
    'process.roles': 'broker,controller',
    listeners: 'PLAINTEXT://:9092,CONTROLLER://:9093',
    'advertised.listeners': `PLAINTEXT://${host}:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'controller.quorum.voters': '1@localhost:9093',
    ...singleNodeDefaults,
  };
  const container = await new GenericContainer(KAFKA_IMAGE)
    .withEnvironment(toImageEnv(settings))
    .withExposedPorts({ container: 9092, host: port })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(120_000)
    .start();
  return {
    brokers: `${host}:${port}`,
    stop: async () => {
      await container.stop();
    },
  };
};
