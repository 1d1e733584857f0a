import { Kafka, logLevel, type Admin } from 'kafkajs';
import { allTopics, topicPartitions, type Topic } from '@triage/contracts';
import { INPUT_TOPIC, WORKERS, type WorkerService } from './services.ts';

const PARTITIONS = 3;

const withAdmin = async <T>(brokers: string, use: (admin: Admin) => Promise<T>): Promise<T> => {
  const admin = new Kafka({ clientId: 'bench-admin', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
};

export interface TopicOptions {
  /** Partitions of some topics instead of the bus's (3, or what `topicPartitions` says). */
  partitions?: Partial<Record<Topic, number>>;
  /** The topics' `max.message.bytes`; unset keeps the broker's (1 MiB). */
  maxMessageBytes?: number | undefined;
}

/** The pipeline's topics, made before the services start (as the bus would make them) so an observer can subscribe first. */
export const createTopics = (brokers: string, prefix: string, options: TopicOptions = {}): Promise<void> =>
  withAdmin(brokers, async (admin) => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: allTopics.map((topic) => ({
        topic: prefix + topic,
        numPartitions: options.partitions?.[topic] ?? topicPartitions[topic] ?? PARTITIONS,
        configEntries: options.maxMessageBytes ? [{ name: 'max.message.bytes', value: String(options.maxMessageBytes) }] : [],
      })),
    });
  });

/** How far each worker stage's consumer group has committed on its input topic: which stage a stalled run is stuck in. */
export const stageProgress = (brokers: string, prefix: string): Promise<Record<WorkerService, string>> =>
  withAdmin(brokers, async (admin) => {
    const progress = {} as Record<WorkerService, string>;
    for (const service of WORKERS) {
      const topic = prefix + INPUT_TOPIC[service];
      const end = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
      const [committed] = await admin.fetchOffsets({ groupId: prefix + service, topics: [topic] });
      const done = committed!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      progress[service] = `committed ${done} of ${end} offsets on ${INPUT_TOPIC[service]}`;
    }
    return progress;
  });
