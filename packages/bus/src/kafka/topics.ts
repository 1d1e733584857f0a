import type { Admin } from 'kafkajs';
import { retryTransient } from './transient.ts';

/** Creates the topics that do not exist yet; safe to race with another creator. */
export const ensureTopics = async (admin: Admin, topics: string[], partitions: number): Promise<void> => {
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  // A topic another process is creating at the same moment can be missing from the metadata that
  // `waitForLeaders` reads (UNKNOWN_TOPIC_OR_PARTITION, retriable): asking again settles it.
  await retryTransient(async () => {
    try {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: partitions })), waitForLeaders: true });
    } catch (error) {
      const errors = (error as { errors?: { type?: string }[] }).errors;
      if (!errors?.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')) throw error;
    }
  });
};

/** Remembers which topics are known to exist, so publishing costs an admin round trip only once per topic. */
export class TopicCreator {
  readonly #admin: Admin;
  readonly #partitionsOf: (topic: string) => number;
  readonly #known = new Set<string>();

  /** `partitionsOf` gives the partitions a missing topic is created with, by its name on the wire. */
  constructor(admin: Admin, partitionsOf: (topic: string) => number) {
    this.#admin = admin;
    this.#partitionsOf = partitionsOf;
  }

  async ensure(topics: string[], partitions?: number): Promise<void> {
    const unknown = topics.filter((topic) => !this.#known.has(topic));
    if (unknown.length === 0) return;
    for (const [count, alike] of Map.groupBy(unknown, (topic) => partitions ?? this.#partitionsOf(topic)))
      await ensureTopics(this.#admin, alike, count);
    for (const topic of unknown) this.#known.add(topic);
  }
}
