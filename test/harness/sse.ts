import { readSse } from '../../scripts/tail/sse.ts';

export interface EventStream<T> {
  events: T[];
  close(): void;
}

/** Collects a server-sent-event stream in memory; resolves once the server says it is ready. */
export const openStream = async <T>(url: string, apiKey: string): Promise<EventStream<T>> => {
  const abort = new AbortController();
  const events: T[] = [];
  const messages = readSse(url, apiKey, abort.signal);
  const first = await messages.next();
  if (first.value?.event !== 'ready') throw new Error(`stream ${url} did not start`);
  void (async () => {
    try {
      for await (const { data } of messages) if (data) events.push(JSON.parse(data) as T);
    } catch {
      // aborted by close()
    }
  })();
  return { events, close: () => abort.abort() };
};
