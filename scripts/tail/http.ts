// Tails a topic through intake's server-sent-event stream: works against `npm start` (whose bus is
// in-process) and against any deployment, with a tenant's API key instead of Kafka access.
import { setTimeout as sleep } from 'node:timers/promises';
import { readSse, SseRefused } from './sse.ts';

const RECONNECT_MS = 1_000;
/** Three missed heartbeats (one every 15 s): the connection is taken for dead and made again. */
const SILENCE_MS = 45_000;

/**
 * Prints each event's data as one line. It remembers the last event's id and, whenever the
 * connection drops, reconnects with it as `Last-Event-ID`, so the server replays what was routed
 * meanwhile: nothing is lost or printed twice. `from` resumes after an id from an earlier run.
 */
export const tailHttp = async (topic: string, baseUrl: string, apiKey: string, from?: string): Promise<never> => {
  const url = `${baseUrl.replace(/\/$/, '')}/v1/stream/${topic}`;
  let lastEventId = from;
  for (;;) {
    const abort = new AbortController();
    const silence = setTimeout(() => abort.abort(new Error(`nothing heard for ${SILENCE_MS / 1000} s`)), SILENCE_MS);
    let dropped = 'the stream ended';
    try {
      for await (const { id, event, data } of readSse(url, apiKey, { signal: abort.signal, lastEventId })) {
        silence.refresh();
        if (event === 'ready')
          console.error(`tailing ${topic} from ${baseUrl}${lastEventId ? ` after ${lastEventId}` : ''} (Ctrl-C to stop)`);
        else if (data) process.stdout.write(`${data}\n`);
        if (id !== undefined) lastEventId = id;
      }
    } catch (error) {
      // A refusal (bad key, an id the server does not know) would come back the same way.
      if (error instanceof SseRefused && error.status < 500) throw error;
      dropped = abort.signal.aborted ? String(abort.signal.reason) : error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(silence);
    }
    console.error(`${dropped}; reconnecting in ${RECONNECT_MS / 1000} s`);
    await sleep(RECONNECT_MS);
  }
};
