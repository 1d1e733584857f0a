import { setTimeout as sleep } from 'node:timers/promises';
import { ContractViolation, type Topic } from '@triage/contracts';
import { decodeEvent, encodeEvents } from './codec.ts';
import { deadLetter, type Failure, type Outbound } from './dead-letter.ts';
import { backoffDelay, type RetryPolicy } from './retry.ts';
import { PermanentError, type BatchHandler, type BusLogger, type Delivery, type TopicMessage } from './types.ts';

/** One subscription's processing step, the same for every transport. */
export interface Stage<T extends Topic> {
  topic: T;
  group: string;
  handler: BatchHandler<T>;
  retry: RetryPolicy;
  logger: BusLogger;
}

interface Received<T extends Topic> {
  message: TopicMessage;
  delivery: Delivery<T>;
}

type Attempt = { ok: true; outputs: Outbound[] } | { ok: false; error: unknown; permanent: boolean; attempts: number };

/**
 * Runs one batch through a stage and returns everything to write together with the batch's offset
 * commit: the handler's outputs, then the dead letters. Bad input and failing handlers end up in
 * the dead letters; nothing is dropped and nothing here throws for them.
 */
export const processBatch = async <T extends Topic>(stage: Stage<T>, messages: TopicMessage[]): Promise<Outbound[]> => {
  const received: Received<T>[] = [];
  const rejected: Outbound[] = [];
  for (const message of messages) {
    const decoded = decodeEvent(stage.topic, message.value);
    if (decoded.ok) {
      const { partition, offset, headers } = message;
      received.push({ message, delivery: { topic: stage.topic, partition, offset, headers, event: decoded.event } });
    } else {
      rejected.push(dead(stage, message, { reason: decoded.reason, attempts: 0 }));
    }
  }
  if (received.length === 0) return rejected;

  const whole = await attempt(stage, received, stage.retry.attempts);
  if (whole.ok) return [...whole.outputs, ...rejected];
  if (received.length === 1) return [...rejected, dead(stage, received[0]!.message, failure(whole, 0))];

  // Find the culprits one event at a time. After a permanent error each event gets the whole retry
  // budget; after exhausted retries one more try each, as the batch already waited out the backoff.
  const budget = whole.permanent ? stage.retry.attempts : 1;
  const outputs: Outbound[] = [];
  for (const one of received) {
    const alone = await attempt(stage, [one], budget);
    if (alone.ok) outputs.push(...alone.outputs);
    else rejected.push(dead(stage, one.message, failure(alone, whole.attempts)));
  }
  return [...outputs, ...rejected];
};

const attempt = async <T extends Topic>(stage: Stage<T>, batch: Received<T>[], maxAttempts: number): Promise<Attempt> => {
  for (let attempts = 1; ; attempts += 1) {
    try {
      const outgoing = await stage.handler(batch.map((r) => r.delivery));
      // Outputs are validated here so an invalid one is blamed on the events that produced it.
      const outputs = outgoing.flatMap(({ topic, event, headers }) =>
        encodeEvents(topic, [event], headers).map((message) => ({ topic, message })),
      );
      return { ok: true, outputs };
    } catch (error) {
      const permanent = error instanceof PermanentError || error instanceof ContractViolation;
      if (permanent || attempts >= maxAttempts) return { ok: false, error, permanent, attempts };
      const delayMs = Math.round(backoffDelay(attempts, stage.retry));
      stage.logger.warn('handler failed; retrying', {
        group: stage.group,
        topic: stage.topic,
        events: batch.length,
        attempt: attempts,
        delayMs,
        err: describe(error),
      });
      await sleep(delayMs);
    }
  }
};

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

const failure = (failed: Extract<Attempt, { ok: false }>, earlierAttempts: number): Failure => ({
  reason: describe(failed.error),
  attempts: earlierAttempts + failed.attempts,
});

const dead = <T extends Topic>(stage: Stage<T>, message: TopicMessage, why: Failure): Outbound => {
  const { topic, partition, offset, key } = message;
  stage.logger.warn('dead-lettered', { group: stage.group, topic, partition, offset, key, reason: why.reason, attempts: why.attempts });
  return deadLetter(stage.group, message, why);
};
