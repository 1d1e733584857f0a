import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { observe } from './observer.ts';
import { throughput, type Throughput } from './throughput.ts';

const HOPS = 5;
const PARTITIONS = 3;
const MESSAGE_BYTES = 1_024;
const SEND_BATCH = 500;
const hopScript = fileURLToPath(new URL('./raw-hop.ts', import.meta.url));

const startHop = async (env: Record<string, string>): Promise<ChildProcess> => {
  const child = spawn(process.execPath, [hopScript], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`raw hop ${env.GROUP} exited with ${code} before it was ready`);
  });
  await Promise.race([once(lines, 'line'), exited]);
  exited.catch(() => undefined);
  return child;
};

/**
 * The pipeline's five hops with no work in them: `n` ~1 KB messages written to the first topic,
 * relayed by five kafkajs processes (3 partitions, acks=-1), timed from the first hop's first
 * output to the last message read from the end, as the pipeline is.
 */
export const rawPassThrough = async (brokers: string, prefix: string, n: number): Promise<Throughput> => {
  const topics = Array.from({ length: HOPS + 1 }, (_, i) => `raw.${i}`);
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: topics.map((t) => ({ topic: prefix + t, numPartitions: PARTITIONS })), waitForLeaders: true });
  await admin.disconnect();

  const hops: ChildProcess[] = [];
  const observer = await observe(brokers, prefix, [topics[1]!, topics[HOPS]!]);
  try {
    for (let i = 0; i < HOPS; i++)
      hops.push(await startHop({ BROKERS: brokers, FROM: prefix + topics[i], TO: prefix + topics[i + 1], GROUP: `${prefix}raw-hop-${i}` }));
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const value = 'x'.repeat(MESSAGE_BYTES);
    const keys = Array.from({ length: n }, (_, i) => `m-${i}`);
    for (let i = 0; i < n; i += SEND_BATCH) {
      await producer.send({ topic: prefix + topics[0], acks: -1, messages: keys.slice(i, i + SEND_BATCH).map((key) => ({ key, value })) });
    }
    await producer.disconnect();
    const wanted = new Set(keys);
    await observer.waitForKeys(topics[HOPS]!, wanted, 120_000);
    return throughput(observer.seen.get(topics[1]!)!, observer.seen.get(topics[HOPS]!)!, wanted);
  } finally {
    await observer.stop();
    for (const hop of hops) hop.kill('SIGTERM');
    await Promise.all(hops.map((hop) => (hop.exitCode === null ? once(hop, 'exit') : undefined)));
  }
};
