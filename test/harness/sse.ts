import { readSse } from '../../scripts/tail/sse.ts';

export { sseMessages } from '../../scripts/tail/sse.ts';

export interface EventStream<T> {
  events: T[];
  /** Each event's SSE id, in the order of `events`. */
  ids: string[];
  close(): void;
}

/** Collects a server-sent-event stream in memory; resolves once the server says it is ready. */
export const openStream = async <T>(url: string, apiKey: string, lastEventId?: string): Promise<EventStream<T>> => {
  const abort = new AbortController();
  const events: T[] = [];
  const ids: string[] = [];
  const messages = readSse(url, apiKey, { signal: abort.signal, lastEventId });
  const first = await messages.next();
  if (first.value?.event !== 'ready') throw new Error(`stream ${url} did not start`);
  void (async () => {
    try {
      for await (const { id, data } of messages) {
        if (!data) continue;
        events.push(JSON.parse(data) as T);
        ids.push(id ?? '');
      }
    } catch {
      // aborted by close()
    }
  })();
  return { events, ids, close: () => abort.abort() };
};
