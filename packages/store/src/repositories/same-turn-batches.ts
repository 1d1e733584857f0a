interface Pending<Q, R> {
  queries: Q[];
  waiters: { resolve: (result: R) => void; reject: (error: unknown) => void }[];
}

/**
 * Gathers the calls made with one key in the same turn of the event loop and runs them as one
 * batch: a stage handling a batch of tickets starts a search per ticket at once, and one statement
 * for all of them costs one round trip, one transaction and one plan instead of one each.
 * `run` answers the queries in their order.
 */
export const sameTurnBatches = <Q, R>(run: (key: string, queries: Q[]) => Promise<R[]>) => {
  const pending = new Map<string, Pending<Q, R>>();
  const flush = (key: string) => {
    const batch = pending.get(key)!;
    pending.delete(key);
    run(key, batch.queries).then(
      (results) => batch.waiters.forEach((w, i) => w.resolve(results[i]!)),
      (error: unknown) => batch.waiters.forEach((w) => w.reject(error)),
    );
  };
  return (key: string, query: Q): Promise<R> =>
    new Promise((resolve, reject) => {
      let batch = pending.get(key);
      if (!batch) {
        batch = { queries: [], waiters: [] };
        pending.set(key, batch);
        // After the promise callbacks of this turn, which is where the other calls of a batch come from.
        setImmediate(flush, key);
      }
      batch.queries.push(query);
      batch.waiters.push({ resolve, reject });
    });
};
