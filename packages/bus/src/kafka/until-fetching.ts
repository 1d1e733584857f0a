import type { Consumer } from 'kafkajs';

/**
 * Resolves once the consumer has joined its group and started fetching; rejects if it crashes
 * for good before that. Listen before `run()`. GROUP_JOIN is too early a signal: kafkajs emits it
 * before it marks the consumer running, and a disconnect in that gap is ignored, leaving the
 * consumer fetching with open sockets.
 */
export const untilFetching = (consumer: Consumer): Promise<void> =>
  new Promise((resolve, reject) => {
    const removeFetch = consumer.on(consumer.events.FETCH_START, () => {
      removeFetch();
      removeCrash();
      resolve();
    });
    const removeCrash = consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      removeFetch();
      removeCrash();
      reject(payload.error);
    });
  });
