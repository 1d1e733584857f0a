interface Pending<K, Q, R> {
  key: K;
  queries: Q[];
  waiters: { resolve: (result: R) => void; reject: (error: unknown) => void }[];
}

/**
 * Gathers the calls made with one key in the same turn of the event loop and runs them as one
 * batch: a stage handling a batch of tickets starts a search per ticket at once, and one statement
 * for all of them costs one round trip, one transaction and one plan instead of one each.
 * Keys are told apart by `idOf`; `run` answers the queries in their order.
 */
export const sameTurnBatches = <K, Q, R>(idOf: (key: K) => string, run: (key: K, queries: Q[]) => Promise<R[]>) => {
  const pending = new Map<string, Pending<K, Q, R>>();
  const flush = (id: string) => {
    const batch = pending.get(id)!;
    pending.delete(id);
    run(batch.key, batch.queries).then(
      (results) => {
        for (const [i, w] of batch.waiters.entries()) w.resolve(results[i]!);
      },
      (error: unknown) => {
        for (const w of batch.waiters) w.reject(error);
      },
    );
  };
  return (key: K, query: Q): Promise<R> =>
    new Promise((resolve, reject) => {
      const id = idOf(key);
      let batch = pending.get(id);
      if (!batch) {
        batch = { key, queries: [], waiters: [] };
        pending.set(id, batch);
        // After the promise callbacks of this turn, which is where the other calls of a batch come from.
        setImmediate(flush, id);
      }
      batch.queries.push(query);
      batch.waiters.push({ resolve, reject });
    });
};
