// Tails a Kafka topic as JSON lines. Brokers from KAFKA_BROKERS.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export const tailKafka = async (topic: string, brokers: string[], fromBeginning: boolean): Promise<void> => {
  const kafka = new Kafka({ clientId: 'triage-tail', brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  if (!(await admin.listTopics()).includes(topic)) {
    console.error(`no topic ${topic} on ${brokers.join(',')}`);
    await admin.disconnect();
    process.exit(1);
  }

  /** Shown as the parsed event when it is JSON, as text otherwise (dead letters may be neither). */
  const decode = (value: Buffer | null): { event: unknown } | { value: string | null } => {
    if (value === null) return { value: null };
    try {
      return { event: JSON.parse(value.toString('utf8')) };
    } catch {
      return { value: value.toString('utf8') };
    }
  };

  // A throwaway group that never commits: tailing does not move anyone's offsets.
  const groupId = `triage-tail.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: fromBeginning });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]),
      );
      const line = {
        topic,
        partition,
        offset: message.offset,
        timestamp: new Date(Number(message.timestamp)).toISOString(),
        key: message.key?.toString() ?? null,
        headers,
        ...decode(message.value),
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    },
  });

  const stop = async () => {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};
