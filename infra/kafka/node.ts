import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where and how the native single-node broker runs. Everything it writes lives under `home`. */
export interface KafkaNodeOptions {
  home: string;
  brokerPort: number;
  controllerPort: number;
  heapMb: number;
  readyTimeoutMs: number;
  log: (line: string) => void;
}

export const defaultKafkaNodeOptions: KafkaNodeOptions = {
  home: fileURLToPath(new URL('../../.infra/kafka', import.meta.url)),
  brokerPort: 19092,
  controllerPort: 19093,
  heapMb: 512,
  readyTimeoutMs: 120_000,
  log: () => undefined,
};

/** `ps` shows this in the broker's command line; it tells our broker from a reused pid. */
export const BROKER_MAIN_CLASS = 'kafka.Kafka';

export const nodePaths = (home: string) => ({
  libs: join(home, 'libs'),
  data: join(home, 'data'),
  config: join(home, 'server.properties'),
  /** The ports the data directory was formatted for: the KRaft quorum remembers the controller endpoint. */
  ports: join(home, 'ports.json'),
  pid: join(home, 'kafka.pid'),
  /** Holds the pid once the readiness probe passed, so a concurrent caller does not return early. */
  ready: join(home, 'kafka.ready'),
  log: join(home, 'server.log'),
  lock: join(home, '.lock'),
  log4j: fileURLToPath(new URL('./log4j2.properties', import.meta.url)),
});
