import type { Consumer } from 'kafkajs';

/**
 * Resolves once the consumer has joined its group and started fetching, or, with
 * `offsetsResolved`, once its first fetch has returned: kafkajs resolves a new group's `latest`
 * position inside that fetch, so only then is everything published afterwards sure to be read.
 * Rejects if the consumer crashes for good before that. Listen before `run()`. GROUP_JOIN is too
 * early a signal: kafkajs emits it before it marks the consumer running, and a disconnect in that
 * gap is ignored, leaving the consumer fetching with open sockets.
 */
export const untilFetching = (consumer: Consumer, { offsetsResolved }: { offsetsResolved: boolean }): Promise<void> =>
  new Promise((resolve, reject) => {
    const removeFetch = consumer.on(offsetsResolved ? consumer.events.FETCH : consumer.events.FETCH_START, () => {
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
