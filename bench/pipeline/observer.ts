import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Topics } from '@triage/contracts';

/** One committed message as the observer saw it. */
export interface Seen {
  key: string;
  /** The message's Kafka timestamp: when its producer sent it, i.e. when the stage before finished. */
  sentAt: number;
  /** When the observer had it: after the producing transaction committed. */
  consumedAt: number;
  bytes: number;
  /** The ticket's `receivedAt`, read from routed messages only. */
  receivedAt?: number;
}

export interface Observer {
  /** What each topic showed, by topic name without the prefix. */
  seen: Map<string, Seen[]>;
  /** Resolves once `topic` has shown every key in `keys`; rejects with `Stalled` when no new one came for `stallMs`. */
  waitForKeys(topic: string, keys: Set<string>, stallMs: number): Promise<void>;
  /**
   * Reads the topics passed as `afterwards`, from where they ended when observing began, until each
   * has shown every key in `keys`. Call it once the run is over.
   */
  readAfterwards(keys: Set<string>, stallMs: number): Promise<void>;
  stop(): Promise<void>;
}

export class Stalled extends Error {
  readonly found: number;
  constructor(topic: string, found: number, wanted: number, stallMs: number) {
    super(`${found}/${wanted} tickets reached ${topic}, then none for ${stallMs / 1000} s`);
    this.name = 'Stalled';
    this.found = found;
  }
}

/** The watched topics other than the timed one are only timestamped by the broker, so they are read in batches. */
const LINGER = { maxWaitTimeInMs: 100, minBytes: 256 * 1024 };
const PROMPT = { maxWaitTimeInMs: 100, minBytes: 1 };
const COMMIT_EVERY_MS = 1_000;

/**
 * Watches pipeline topics with plain kafkajs consumers (read-committed, as every stage reads), so
 * each hop's timing comes from the broker's timestamps rather than from the services themselves.
 * Only `timed`, the last of `topics`, has its read time taken: it is read at once, the others in
 * batches (their read time means nothing, and reading each event as it lands would take cores the
 * pipeline under test needs). Topics in `afterwards` are not read during the run at all, only by
 * `readAfterwards`: their timestamps are all that is used, so the broker and this process spend
 * nothing on them while the pipeline is measured. Parses nothing but the routed messages. Starts
 * at the end of each topic: begin the load after this resolves.
 */
export const observe = async (brokers: string, prefix: string, topics: string[], afterwards: string[] = []): Promise<Observer> => {
  const kafka = new Kafka({ clientId: 'bench-observer', brokers: [brokers], logLevel: logLevel.NOTHING });
  const seen = new Map<string, Seen[]>([...afterwards, ...topics].map((t) => [t, []]));
  const timed = topics.at(-1)!;
  const group = `${prefix}bench-observer-${randomBytes(3).toString('hex')}`;
  const admin = kafka.admin();
  await admin.connect();
  const endsBefore = await Promise.all(
    afterwards.map(async (t) => ({ topic: prefix + t, ends: await admin.fetchTopicOffsets(prefix + t) })),
  );
  await admin.disconnect();

  const watch = async (watched: string[], fetch: typeof LINGER | typeof PROMPT, suffix: string): Promise<Consumer> => {
    const consumer = kafka.consumer({ groupId: `${group}-${suffix}`, readUncommitted: false, ...fetch });
    const byWire = new Map(watched.map((t) => [prefix + t, t]));
    await consumer.connect();
    await consumer.subscribe({ topics: [...byWire.keys()], fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      // kafkajs's auto-commit commits after every fetch whatever its interval: over 1,000 offset
      // commits in a 3,000-ticket run, broker work the pipeline under test pays for. The observer
      // only needs a place to resume should it rejoin, so it commits at most once per interval.
      autoCommit: false,
      autoCommitInterval: COMMIT_EVERY_MS,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
        const topic = byWire.get(batch.topic)!;
        const consumedAt = Date.now();
        for (const m of batch.messages) {
          const entry: Seen = { key: m.key?.toString() ?? '', sentAt: Number(m.timestamp), consumedAt, bytes: m.value?.length ?? 0 };
          if (topic === Topics.ticketsRouted && m.value)
            entry.receivedAt = Date.parse(JSON.parse(m.value.toString()).payload.ticket.receivedAt);
          seen.get(topic)!.push(entry);
        }
        resolveOffset(batch.lastOffset());
        await commitOffsetsIfNecessary();
      },
    });
    await joined;
    return consumer;
  };

  const waitForKeys = async (topic: string, keys: Set<string>, stallMs: number): Promise<void> => {
    let found = 0;
    let progressAt = Date.now();
    for (;;) {
      const now = new Set(seen.get(topic)!.flatMap((s) => (keys.has(s.key) ? [s.key] : []))).size;
      if (now >= keys.size) return;
      if (now > found) [found, progressAt] = [now, Date.now()];
      if (Date.now() - progressAt > stallMs) throw new Stalled(topic, found, keys.size, stallMs);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const consumers = [await watch([timed], PROMPT, 'timed')];
  if (topics.length > 1) consumers.push(await watch(topics.slice(0, -1), LINGER, 'stamped'));
  return {
    seen,
    waitForKeys,
    async readAfterwards(keys, stallMs) {
      if (afterwards.length === 0) return;
      const consumer = await watch(afterwards, PROMPT, 'afterwards');
      consumers.push(consumer);
      for (const { topic, ends } of endsBefore) for (const { partition, high } of ends) consumer.seek({ topic, partition, offset: high });
      for (const topic of afterwards) await waitForKeys(topic, keys, stallMs);
    },
    stop: async () => {
      await Promise.all(consumers.map((c) => c.disconnect()));
    },
  };
};
