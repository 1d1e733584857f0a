import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { requireCommand, run } from './commands.ts';
import { fetchKafkaJars } from './fetch-jars.ts';
import { withLock } from './lock.ts';
import { BROKER_MAIN_CLASS, defaultKafkaNodeOptions, nodePaths, type KafkaNodeOptions } from './node.ts';
import { isRunning, portAnswers, readPid, spawnDetached } from './process.ts';
import { waitForKafka } from './ready.ts';
import { nativeNodeSettings, toProperties } from './settings.ts';

export interface KafkaNode {
  brokers: string;
  /** Absent when a ready broker of another checkout (or any Kafka) already served the port and was reused. */
  pid?: number;
  /** False when a ready broker was already running and was reused. */
  started: boolean;
}

type Paths = ReturnType<typeof nodePaths>;

/**
 * Makes sure the native single-node Kafka (KRaft) is running and ready, starting it if needed:
 * fetches the jars once, formats the storage once, starts the broker detached (it outlives this
 * process and is reused by the next call), and waits until groups and transactions work.
 */
export const ensureKafka = async (options: Partial<KafkaNodeOptions> = {}): Promise<KafkaNode> => {
  const o: KafkaNodeOptions = { ...defaultKafkaNodeOptions, ...options };
  const paths = nodePaths(o.home);
  const brokers = `127.0.0.1:${o.brokerPort}`;

  const reusable = await readyPid(paths, o.brokerPort);
  if (reusable) return { brokers, pid: reusable, started: false };
  // Another clone's broker (CI runs a fresh clone beside the developer's) serves just as well.
  if (await portAnswers(o.brokerPort)) {
    await waitForKafka(brokers, { timeoutMs: 30_000, check: () => undefined });
    o.log(`reusing the Kafka broker already listening on ${brokers}`);
    return { brokers, started: false };
  }

  await mkdir(o.home, { recursive: true });
  // Generous: the holder may be fetching jars and waiting for a cold broker.
  return withLock(paths.lock, o.readyTimeoutMs + 120_000, async () => {
    const startedMeanwhile = await readyPid(paths, o.brokerPort);
    if (startedMeanwhile) return { brokers, pid: startedMeanwhile, started: false };

    requireCommand('java');
    if (await fetchKafkaJars(paths.libs)) o.log(`fetched the broker jars into ${paths.libs}`);
    await writeFile(
      paths.config,
      toProperties(nativeNodeSettings({ brokerPort: o.brokerPort, controllerPort: o.controllerPort, dataDir: paths.data })),
    );
    await formatOnce(o, paths);

    const pid = await startBroker(o, paths);
    o.log(`waiting for the broker (pid ${pid}) to serve groups and transactions`);
    await waitForKafka(brokers, {
      timeoutMs: o.readyTimeoutMs,
      check: () => {
        if (!isRunning(pid, BROKER_MAIN_CLASS))
          throw new Error(`the broker exited while starting; the end of ${paths.log}:\n${logTail(paths.log)}`);
      },
    });
    await writeFile(paths.ready, String(pid));
    return { brokers, pid, started: true };
  });
};

const readyPid = async (paths: Paths, brokerPort: number): Promise<number | undefined> => {
  const pid = await readPid(paths.pid);
  if (!pid || !isRunning(pid, BROKER_MAIN_CLASS)) return undefined;
  if ((await readPid(paths.ready)) !== pid) return undefined;
  return (await portAnswers(brokerPort)) ? pid : undefined;
};

const formatOnce = async (o: KafkaNodeOptions, paths: Paths): Promise<void> => {
  const ports = JSON.stringify({ brokerPort: o.brokerPort, controllerPort: o.controllerPort });
  if (existsSync(join(paths.data, 'meta.properties'))) {
    const formattedFor = await readFile(paths.ports, 'utf8').catch(() => ports);
    if (formattedFor !== ports) {
      throw new Error(`${paths.data} was formatted for ${formattedFor}, not ${ports}: use those ports or delete ${paths.data}`);
    }
    return;
  }
  o.log(`formatting ${paths.data}`);
  await run(
    'java',
    [...jvmArgs(o, paths), 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', paths.config, '--standalone'],
    o.home,
  );
  await writeFile(paths.ports, ports);
};

/** Starts the broker unless a previous start of ours is still coming up (then waits for that one). */
const startBroker = async (o: KafkaNodeOptions, paths: Paths): Promise<number> => {
  const previous = await readPid(paths.pid);
  if (previous && isRunning(previous, BROKER_MAIN_CLASS)) return previous;
  for (const port of [o.brokerPort, o.controllerPort]) {
    if (await portAnswers(port)) throw new Error(`port ${port} is already used by another process; stop it or pass other ports`);
  }
  o.log(`starting the broker on 127.0.0.1:${o.brokerPort}, log: ${paths.log}`);
  const pid = spawnDetached('java', [...jvmArgs(o, paths), BROKER_MAIN_CLASS, paths.config], o.home, paths.log);
  await writeFile(paths.pid, String(pid));
  return pid;
};

const jvmArgs = (o: KafkaNodeOptions, paths: Paths): string[] => [
  `-Xmx${o.heapMb}m`,
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
  `-Dlog4j2.configurationFile=${paths.log4j}`,
  '-cp',
  `${paths.libs}/*`,
];

/** What `StorageTool random-uuid` prints: 16 random bytes, base64url; Kafka refuses ids starting with '-'. */
const clusterId = (): string => {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
};

const logTail = (file: string): string => {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
};

if (import.meta.main) {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const node = await ensureKafka({ log: (line) => console.error(`kafka [${elapsed()}]: ${line}`) });
  console.log(`Kafka ready at ${node.brokers} (${node.started ? `started, pid ${node.pid}` : 'already running'}) in ${elapsed()}`);
}
