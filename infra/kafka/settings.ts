/**
 * Broker settings every Triage Kafka shares, native or in a container: a single node, so every
 * internal topic has one replica, and consumer groups start at once instead of waiting for members.
 */
export const singleNodeDefaults: Record<string, string> = {
  'num.partitions': '3',
  'auto.create.topics.enable': 'true',
  'offsets.topic.replication.factor': '1',
  'transaction.state.log.replication.factor': '1',
  'transaction.state.log.min.isr': '1',
  'share.coordinator.state.topic.replication.factor': '1',
  'share.coordinator.state.topic.min.isr': '1',
  'group.initial.rebalance.delay.ms': '0',
};

export interface NativeNodeSettings {
  brokerPort: number;
  controllerPort: number;
  dataDir: string;
}

/** KRaft broker+controller in one process on 127.0.0.1, formatted with a dynamic (bootstrap) quorum. */
export const nativeNodeSettings = ({ brokerPort, controllerPort, dataDir }: NativeNodeSettings): Record<string, string> => ({
  'process.roles': 'broker,controller',
  'node.id': '1',
  'controller.quorum.bootstrap.servers': `127.0.0.1:${controllerPort}`,
  listeners: `PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
  'advertised.listeners': `PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
  'inter.broker.listener.name': 'PLAINTEXT',
  'controller.listener.names': 'CONTROLLER',
  'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
  'log.dirs': dataDir,
  ...singleNodeDefaults,
});

export const toProperties = (settings: Record<string, string>): string =>
  `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;

/** The apache/kafka image turns `KAFKA_FOO_BAR` into `foo.bar` (`_` in a name is written `__`). */
export const toImageEnv = (settings: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [`KAFKA_${key.replaceAll('_', '__').replaceAll('.', '_').toUpperCase()}`, value]),
  );
