export interface SseMessage {
  /** The event's `id:`, what a reconnect sends back as `Last-Event-ID`. */
  id: string | undefined;
  event: string | undefined;
  /** A comment line's text, such as the stream's `heartbeat`. */
  comment: string | undefined;
  /** Empty for a comment-only message. */
  data: string;
}

/** The server refused the stream: retrying the same request cannot help below 500. */
export class SseRefused extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface SseOptions {
  signal?: AbortSignal | undefined;
  /** Resumes after this event: the server replays what came since. */
  lastEventId?: string | undefined;
}

const field = (block: string, name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(block)?.[1];

/** The messages of a server-sent-event body, as they arrive; `signal` cancels the body. */
export async function* sseMessages(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseMessage> {
  let buffer = '';
  for await (const chunk of body.pipeThrough(new TextDecoderStream(), signal ? { signal } : {})) {
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      yield { id: field(block, 'id'), event: field(block, 'event'), comment: field(block, ''), data };
    }
  }
}

/** Connects to a server-sent-event stream with a tenant API key and yields its messages. */
export async function* readSse(url: string, apiKey: string, { signal, lastEventId }: SseOptions = {}): AsyncGenerator<SseMessage> {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const res = await fetch(url, { headers, ...(signal ? { signal } : {}) });
  if (!res.ok || !res.body) throw new SseRefused(res.status, `${url} answered ${res.status}: ${await res.text()}`);
  yield* sseMessages(res.body, signal);
}
