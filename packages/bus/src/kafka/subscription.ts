import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopic, type Topic } from '@triage/contracts';
import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer, RetryOptions, TopicMessages } from 'kafkajs';
import type { StageOptions } from '../base-bus.ts';
import type { Outbound } from '../dead-letter.ts';
import { processBatch } from '../process-batch.ts';
import type { Subscription, TopicMessage } from '../types.ts';
import { fromKafkaHeaders, toKafkaMessage } from './headers.ts';
import type { IdempotentSender } from './idempotent-sender.ts';
import type { LostSubscription } from './options.ts';
import { processInChunks } from './chunks.ts';
import { CrashStreak } from './crash-streak.ts';
import { DeferredCommits } from './deferred-commits.ts';
import { inTransaction } from './in-transaction.ts';
import { JoinedChunks } from './joined-chunks.ts';
import { PartitionProducers } from './partition-producers.ts';
import { inRequests } from './request-size.ts';
import { retryTransient } from './transient.ts';
import type { TopicCreator } from './topics.ts';
import { untilFetching } from './until-fetching.ts';

/** What a subscription borrows from its bus. */
export interface KafkaContext {
  kafka: Kafka;
  admin: Admin;
  topics: TopicCreator;
  /** The bus's idempotent producer, used for outputs when not exactly-once or the subscription is `atLeastOnce`. */
  producer: Pick<IdempotentSender, 'sendBatch'>;
  exactlyOnce: boolean;
  connectionRetry: RetryOptions | undefined;
  /** The name on the wire of a topic or consumer group (the bus's prefix added). */
  wire: (name: string) => string;
  /**
   * How often, and how soon, a consumer that kafkajs gave up on is replaced by a new one; a crash
   * more than `streakGapMs` after the one before counts as the first again.
   */
  consumerRestarts: { attempts: number; firstDelayMs: number; streakGapMs: number };
  /** Told when a started subscription's consumer stops for good and its replacements failed too (see KafkaBusOptions). */
  onLost: (lost: LostSubscription) => void;
}

/** Well inside the 30 s session timeout, so a slow batch never gets its member evicted. */
const HEARTBEAT_EVERY_MS = 3_000;
/** Bounds how long `stop()` waits for an idle long-poll fetch to return. */
const MAX_FETCH_WAIT_MS = 500;
/**
 * Observers (metrics, event streams, cache refreshes) read in batches of up to this long: the
 * broker holds their fetch until this much is waiting or the time is up, so under a steady trickle
 * they cost a fetch and an offset commit a few times a second rather than once per event.
 */
const OBSERVER_LINGER_MS = 250;
const OBSERVER_MIN_BYTES = 256 * 1024;
/** How long an offset reached without a transaction waits to be committed (see `DeferredCommits`). */
const COMMIT_DELAY_MS = 250;
/**
 * Partition batches a consumer processes at once (topics have 3 partitions by default), each
 * committed by its own partition's producer: while one partition's transaction makes its round
 * trips, another's chunk computes. One at a time, the saturated pipeline ran at 259-261 tickets/s
 * on 2 cores; three at once, 272-274.
 */
const PARTITIONS_AT_ONCE = 3;

/**
 * Consumes one topic for one group: per partition batch, chunks of at most `maxBatchSize` go
 * through the shared processing step, and each chunk's outputs, dead letters and next offset are
 * committed: in one transaction when exactly-once; otherwise (or when `atLeastOnce`) the first
 * chunks of partition batches that start together go through one handler call (`JoinedChunks`),
 * the messages are published first, and each partition's offset is committed within
 * `COMMIT_DELAY_MS` after them, with the other offsets reached meanwhile. A failed transaction is
 * thrown to kafkajs, which fetches again from the last committed offset: the chunk is redone,
 * never skipped.
 */
export const startKafkaSubscription = async <T extends Topic>(ctx: KafkaContext, stage: StageOptions<T>): Promise<Subscription> => {
  const wireTopic = ctx.wire(stage.topic);
  const groupId = ctx.wire(stage.group);
  await ctx.topics.ensure([wireTopic, ctx.wire(deadLetterTopic(stage.group))]);

  const producers =
    ctx.exactlyOnce && !stage.observer && !stage.atLeastOnce ? new PartitionProducers(ctx.kafka, ctx.admin, groupId, wireTopic) : undefined;
  const newConsumer = (): Consumer => {
    const created = ctx.kafka.consumer({
      groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      ...(stage.observer ? { maxWaitTimeInMs: OBSERVER_LINGER_MS, minBytes: OBSERVER_MIN_BYTES } : { maxWaitTimeInMs: MAX_FETCH_WAIT_MS }),
      heartbeatInterval: HEARTBEAT_EVERY_MS,
      ...(ctx.connectionRetry ? { retry: ctx.connectionRetry } : {}),
    });
    created.on(created.events.GROUP_JOIN, ({ payload }) => {
      const assigned = payload.memberAssignment[wireTopic] ?? [];
      void producers?.retain(assigned);
      commits.retain(assigned);
    });
    return created;
  };
  const commits = new DeferredCommits(
    (offsets) => consumer.commitOffsets(offsets.map((o) => ({ topic: wireTopic, ...o }))),
    COMMIT_DELAY_MS,
    (err) =>
      stage.logger.warn('offsets not committed; they are read again after a restart or rebalance', {
        topic: stage.topic,
        group: stage.group,
        err,
      }),
  );
  let consumer = newConsumer();
  const crashes = new CrashStreak(ctx.consumerRestarts.streakGapMs);

  /** The produce requests that carry `outbound`, once its topics exist. */
  const requestsOf = async (outbound: Outbound[]) => {
    await ctx.topics.ensure(outbound.map((o) => ctx.wire(o.topic)));
    return inRequests(outbound, (o) => o.message).map((group) => byTopic(group, ctx.wire));
  };
  const publish = async (outbound: Outbound[]) => {
    for (const topicMessages of await requestsOf(outbound)) await ctx.producer.sendBatch({ topicMessages, acks: -1 });
  };
  const transact = async (outbound: Outbound[], partition: number, offset: string, producer: Producer) => {
    const requests = await requestsOf(outbound);
    try {
      await inTransaction(producer, async (transaction) => {
        for (const topicMessages of requests) await transaction.sendBatch({ topicMessages, acks: -1 });
        await retryTransient(() =>
          transaction.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: wireTopic, partitions: [{ partition, offset }] }] }),
        );
      });
    } catch (error) {
      await producers?.discard(partition);
      throw error;
    }
  };
  // For chunks without a transactional producer: at-least-once subscriptions and observers.
  const joined = new JoinedChunks(stage.maxBatchSize, (messages) => processBatch(stage, messages), publish);
  /**
   * Processes a chunk of one partition; what it resolves to commits the chunk: its outputs, then
   * its offset (the next to read). Only a batch's first chunk is joined with other partitions':
   * its partition's earlier outputs were all published before this batch was fetched, whereas a
   * later chunk's joined publish could be started by another partition before this partition's
   * previous chunk is published (which would reorder a key's outputs).
   */
  const processChunk = async (
    partition: number,
    messages: TopicMessage[],
    producer: Producer | undefined,
    first: boolean,
  ): Promise<(offset: string) => Promise<void>> => {
    if (producer) {
      const outbound = await processBatch(stage, messages);
      return (offset) => transact(outbound, partition, offset, producer);
    }
    const published = first
      ? await joined.process(messages)
      : await processBatch(stage, messages).then((outbound) => () => publish(outbound));
    return async (offset) => {
      await published();
      await commits.reached(partition, offset);
    };
  };

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
    const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
    try {
      // Errors leave as plain errors: kafkajs retries those and restarts the consumer, whereas a
      // broker error it deems non-retriable would stop this subscription for good.
      const acquired = await producers?.acquire(batch.partition).catch((error: unknown) => {
        throw new Error(`could not start a transactional producer for ${wireTopic}[${batch.partition}]`, { cause: error });
      });
      const committed = acquired?.committedOffset;
      // A new producer fenced the previous owner; anything it committed meanwhile is not redone.
      const pending = committed === undefined ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= committed);
      if (pending.length === 0) {
        const last = batch.messages.at(-1);
        if (last) resolveOffset(last.offset);
        return;
      }
      await processInChunks(pending, stage.maxBatchSize, {
        process: (chunk) =>
          processChunk(
            batch.partition,
            chunk.map((m) => toTopicMessage(stage.topic, batch.partition, m)),
            acquired?.producer,
            chunk[0] === pending[0],
          ),
        commit: async (commitChunk, chunk, isLast) => {
          const last = chunk.at(-1)!;
          // After the batch's last message, step over the transaction marker that may follow it.
          const next = (isLast ? BigInt(batch.lastOffset()) : BigInt(last.offset)) + 1n;
          try {
            await commitChunk(next.toString());
          } catch (error) {
            throw new Error(`could not commit ${wireTopic}[${batch.partition}] for group ${groupId}; the batch will be redelivered`, {
              cause: error,
            });
          }
          resolveOffset(last.offset);
          crashes.end();
        },
        proceed: () => isRunning() && !isStale(),
      });
    } finally {
      clearInterval(keepAlive);
    }
  };

  const run = async (): Promise<void> => {
    try {
      await consumer.connect();
      // A topic another process has just created can still lack a leader in this broker's metadata.
      await retryTransient(() => consumer.subscribe({ topic: wireTopic, fromBeginning: stage.startAt === 'earliest' }));
      const fetching = untilFetching(consumer, { offsetsResolved: stage.startAt === 'latest' });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: PARTITIONS_AT_ONCE, eachBatch });
      await fetching;
    } catch (error) {
      await consumer.disconnect();
      throw error;
    }
  };
  try {
    await run();
  } catch (error) {
    await producers?.closeAll();
    throw error;
  }

  const stopping = new AbortController();
  let restarting: Promise<void> | undefined;
  // Watched only once running: before that, a crash fails the start instead.
  const watch = () =>
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // Restarted by kafkajs or replaced here, the consumer rejoins the group: its partitions may have
      // moved meanwhile, and what it reached is read again from the committed position.
      commits.drop();
      if (!payload.restart && !stopping.signal.aborted) restarting = replace(payload.error);
    });
  /**
   * kafkajs gives up on a consumer after an error it does not retry, and a broker restart can
   * cause one (a coordinator moving while the group rejoins). A new consumer takes over from the
   * group's committed position; only when replacements keep failing is the subscription lost.
   */
  const replace = async (error: unknown): Promise<void> => {
    for (let attempt = crashes.crashed(); attempt <= ctx.consumerRestarts.attempts; attempt = crashes.failedAgain()) {
      stage.logger.error('a consumer stopped for good; starting a new one', {
        topic: stage.topic,
        group: stage.group,
        attempt,
        err: error,
      });
      try {
        await sleep(ctx.consumerRestarts.firstDelayMs * 2 ** (attempt - 1), undefined, { signal: stopping.signal });
      } catch {
        return;
      }
      consumer = newConsumer();
      try {
        await run();
        removeCrash = watch();
        return;
      } catch (failed) {
        error = failed;
      }
    }
    ctx.onLost({ topic: stage.topic, group: stage.group, error });
  };
  let removeCrash = watch();
  return {
    stop: async () => {
      stopping.abort();
      removeCrash();
      await restarting;
      await commits
        .flush()
        .catch((err: unknown) => stage.logger.warn('offsets not committed before stopping', { topic: stage.topic, err }));
      await stopConsumer(consumer, producers);
      // The chunk in flight when the consumer stopped is not committed (see stopConsumer).
      commits.drop();
    },
  };
};

/**
 * kafkajs lets the in-flight chunk finish before it leaves. A transaction commits its offsets with
 * its outputs; an at-least-once chunk's offset commit is skipped by kafkajs once it is stopping, so
 * the next owner sends those outputs again and readers drop them as duplicates.
 */
const stopConsumer = async (consumer: Consumer, producers: PartitionProducers | undefined): Promise<void> => {
  await consumer.disconnect();
  await producers?.closeAll();
};

const toTopicMessage = (topic: string, partition: number, m: KafkaMessage): TopicMessage => ({
  topic,
  partition,
  offset: m.offset,
  key: m.key?.toString() ?? null,
  value: m.value,
  headers: fromKafkaHeaders(m.headers),
});

const byTopic = (outbound: Outbound[], wire: (topic: string) => string): TopicMessages[] => {
  const grouped = new Map<string, TopicMessages>();
  for (const { topic, message } of outbound) {
    const entry = grouped.get(topic) ?? { topic: wire(topic), messages: [] };
    entry.messages.push(toKafkaMessage(message));
    grouped.set(topic, entry);
  }
  return [...grouped.values()];
};
