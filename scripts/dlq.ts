// `npm run dlq -- list <dlq-topic>`: one JSON line per dead letter (why, where from, replayed yet).
// `npm run dlq -- replay <dlq-topic>`: sends the dead letters not replayed before back to their
// source topic (key, value and original headers as they were, plus `x-replay-of` naming the failed
// delivery), so the stage handles them again as that delivery.
// The replay and its checkpoint are one Kafka transaction: each dead letter goes back exactly once.
// Brokers from KAFKA_BROKERS, default the native broker.
import { createKafkaBus, DlqHeaders, inOneTransaction, replayHeaders, type TopicMessage } from '@triage/bus';
import { Kafka, logLevel } from 'kafkajs';
import { defaultKafkaNodeOptions } from '../infra/kafka/node.ts';
import { helpRequested, parseCli } from './cli/args.ts';
import { UsageError } from './cli/failures.ts';
import { assertKafkaReachable } from './cli/kafka.ts';
import { runCli } from './cli/run.ts';

const USAGE = `usage: npm run dlq -- list <dlq-topic>      one JSON line per dead letter
       npm run dlq -- replay <dlq-topic>    sends those not replayed yet back to their source topic

Dead-letter topics are named dlq.<consumer group>. Brokers from KAFKA_BROKERS (default 127.0.0.1:19092).`;

const { command, topic, brokers } = await runCli(async () => {
  helpRequested(USAGE);
  const [command, topic, ...rest] = parseCli({ allowPositionals: true, options: {} }).positionals;
  if (!(command === 'list' || command === 'replay')) throw new UsageError('give the command: list or replay');
  if (!topic || rest.length > 0) throw new UsageError('give one dead-letter topic');
  if (!topic.startsWith('dlq.')) throw new UsageError(`${topic} is not a dead-letter topic (they are named dlq.<group>)`);
  const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${defaultKafkaNodeOptions.brokerPort}`).split(',');
  await assertKafkaReachable(brokers);
  return { command, topic, brokers };
});
const bus = createKafkaBus({ brokers, clientId: 'triage-dlq' });
const kafka = new Kafka({ clientId: 'triage-dlq', brokers, logLevel: logLevel.ERROR });
const admin = kafka.admin();

/**
 * Replays are checkpointed as the offsets of a consumer group of their own, so running `replay`
 * twice does not send a dead letter back twice; the dead-letter topic itself stays, for the record.
 */
const checkpointGroup = `triage.dlq-replay.${topic}`;

/** Publishes and moves the checkpoint atomically; the stable transactional id fences a concurrent replay. */
const replay = (bySource: Map<string, TopicMessage[]>, checkpoint: Map<number, bigint>): Promise<void> =>
  inOneTransaction(kafka, checkpointGroup, async (transaction) => {
    const topicMessages = [...bySource].map(([source, batch]) => ({
      topic: source,
      messages: batch.map((m) => ({ key: m.key, value: m.value, headers: replayHeaders(m.headers) })),
    }));
    if (topicMessages.length > 0) await transaction.sendBatch({ topicMessages, acks: -1 });
    const partitions = [...checkpoint].map(([partition, offset]) => ({ partition, offset: String(offset) }));
    await transaction.sendOffsets({ consumerGroupId: checkpointGroup, topics: [{ topic, partitions }] });
  });

const replayedUpTo = async (): Promise<Map<number, bigint>> => {
  const [offsets] = await admin.fetchOffsets({ groupId: checkpointGroup, topics: [topic] });
  return new Map((offsets?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
};

const isReplayed = (m: TopicMessage, upTo: Map<number, bigint>) => BigInt(m.offset) < (upTo.get(m.partition) ?? 0n);

await runCli(async () => {
  await admin.connect();
  try {
    const messages = await bus.read(topic);
    const upTo = await replayedUpTo();

    if (command === 'list') {
      for (const m of messages) {
        const h = m.headers;
        const line = {
          partition: m.partition,
          offset: m.offset,
          key: m.key,
          reason: h[DlqHeaders.reason],
          stage: h[DlqHeaders.stage],
          attempts: Number(h[DlqHeaders.attempts]),
          sourceTopic: h[DlqHeaders.sourceTopic],
          sourcePartition: h[DlqHeaders.sourcePartition] === undefined ? undefined : Number(h[DlqHeaders.sourcePartition]),
          sourceOffset: h[DlqHeaders.sourceOffset],
          failedAt: h[DlqHeaders.failedAt],
          replayed: isReplayed(m, upTo),
          value: m.value?.toString('utf8') ?? null,
        };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
      console.error(`${messages.length} dead letters on ${topic}, ${messages.filter((m) => !isReplayed(m, upTo)).length} not replayed`);
    } else {
      const pending = messages.filter((m) => !isReplayed(m, upTo));
      const withoutSource = pending.filter((m) => !m.headers[DlqHeaders.sourceTopic]);
      const bySource = Map.groupBy(
        pending.filter((m) => m.headers[DlqHeaders.sourceTopic]),
        (m) => m.headers[DlqHeaders.sourceTopic]!,
      );
      const checkpoint = new Map<number, bigint>();
      for (const m of pending) checkpoint.set(m.partition, BigInt(m.offset) + 1n);
      await bus.ensureTopics([...bySource.keys()]);
      if (checkpoint.size > 0) await replay(bySource, checkpoint);
      const report = {
        topic,
        replayed: pending.length - withoutSource.length,
        bySourceTopic: Object.fromEntries([...bySource].map(([source, batch]) => [source, batch.length])),
        skippedWithoutSourceHeader: withoutSource.length,
        alreadyReplayed: messages.length - pending.length,
      };
      console.log(JSON.stringify(report));
    }
  } finally {
    await admin.disconnect();
    await bus.close();
  }
});
