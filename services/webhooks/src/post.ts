import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { guardedLookup, literalHostRefusal } from '@triage/webhook-policy';

/** How an attempt ended: delivered (a 2xx), or the reason it failed, as the dead-letter list shows it. */
export type PostOutcome = { ok: true } | { ok: false; reason: string };

export interface Poster {
  post(url: string, headers: Record<string, string>, body: string): Promise<PostOutcome>;
  close(): void;
}

/** Reads and drops at most this much of a response: receivers answer with a status, not content. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs webhooks over kept-alive connections. Every connection resolves its host through the SSRF
 * guard, so the address checked is the address connected to; redirects are not followed (a 3xx is
 * a failure), since a redirect could point anywhere.
 */
export const createPoster = (options: { timeoutMs: number; allowPrivate: boolean }): Poster => {
  const lookup = guardedLookup(options.allowPrivate);
  const agents = { http: new HttpAgent({ keepAlive: true, lookup }), https: new HttpsAgent({ keepAlive: true, lookup }) };
  return {
    post: (raw, headers, body) =>
      new Promise((resolve) => {
        const url = new URL(raw);
        const refused = literalHostRefusal(url, options.allowPrivate);
        if (refused) return resolve({ ok: false, reason: `refused: ${refused}` });
        const https = url.protocol === 'https:';
        const req = (https ? httpsRequest : httpRequest)(
          url,
          {
            method: 'POST',
            agent: https ? agents.https : agents.http,
            headers: {
              ...headers,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'user-agent': 'triage-webhooks',
            },
            signal: AbortSignal.timeout(options.timeoutMs),
          },
          (res) => {
            let read = 0;
            res.on('data', (chunk: Buffer) => {
              read += chunk.length;
              if (read > MAX_RESPONSE_BYTES) res.destroy();
            });
            const status = res.statusCode ?? 0;
            const done = () => resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, reason: `HTTP ${status}` });
            res.on('end', done).on('close', done).on('error', done);
          },
        );
        req.on('error', (error) =>
          resolve({
            ok: false,
            reason: error.name === 'AbortError' || error.name === 'TimeoutError' ? `timeout after ${options.timeoutMs} ms` : error.message,
          }),
        );
        req.end(body);
      }),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
};
