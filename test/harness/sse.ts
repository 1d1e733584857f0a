export interface EventStream<T> {
  events: T[];
  close(): void;
}

/** Reads a server-sent-event stream into memory; resolves once the server says it is ready. */
export const openStream = async <T>(url: string, apiKey: string): Promise<EventStream<T>> => {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`stream ${url} answered ${res.status}`);
  const events: T[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let ready!: () => void;
  const readyOnce = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (event === 'ready') ready();
          else if (data) events.push(JSON.parse(data) as T);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  await readyOnce;
  return { events, close: () => abort.abort() };
};
