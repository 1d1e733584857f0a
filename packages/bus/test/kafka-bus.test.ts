import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { inject } from 'vitest';
import { createKafkaBus } from '../src/index.ts';
import { describeBusConformance } from './conformance.ts';

const brokers = inject('kafkaBrokers').split(',');

/** Topics and groups of one test live under its own prefix and are deleted after it. */
const removeNamespace = async (prefix: string): Promise<void> => {
  const admin = new Kafka({ clientId: 'bus-conformance-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    const { groups } = await admin.listGroups();
    const groupIds = groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (groupIds.length > 0) await admin.deleteGroups(groupIds);
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
};

describeBusConformance('kafka', () => {
  const prefix = `test.${randomUUID().slice(0, 8)}.`;
  return {
    open: (options) => createKafkaBus({ brokers, clientId: 'bus-conformance', topicPrefix: prefix, ...options }),
    cleanup: () => removeNamespace(prefix),
  };
});
