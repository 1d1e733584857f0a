export interface SseMessage {
  event: string | undefined;
  data: string;
}

/** Connects to a server-sent-event stream with a tenant API key and yields its messages. */
export async function* readSse(url: string, apiKey: string, signal?: AbortSignal): AsyncGenerator<SseMessage> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` }, ...(signal ? { signal } : {}) });
  if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  let buffer = '';
  for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      yield { event, data };
    }
  }
}
