import { setTimeout as sleep } from 'node:timers/promises';

const ATTEMPTS = 10;
const MAX_DELAY_MS = 500;

/**
 * Retries a broker call on errors Kafka marks retriable that kafkajs hands back instead of retrying:
 * CONCURRENT_TRANSACTIONS when a transaction starts while the previous commit's markers are still
 * being written, COORDINATOR_LOAD_IN_PROGRESS, NOT_LEADER_OR_FOLLOWER and UNKNOWN_TOPIC_OR_PARTITION just
 * after a topic is created.
 * Only for calls that are safe to repeat.
 */
export const retryTransient = async <T>(call: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if ((error as { retriable?: unknown }).retriable !== true || attempt >= ATTEMPTS) throw error;
      await sleep(Math.min(MAX_DELAY_MS, 20 * 2 ** (attempt - 1)));
    }
  }
};
