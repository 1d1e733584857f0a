import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@triage/runtime';

/** RT answered and said no (a queue that does not exist, a missing right, a deleted ticket): retrying cannot help. */
export class RtRefused extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'RtRefused';
    this.status = status;
  }
}

/** RT did not answer, or answered that it cannot now: the request may or may not have taken effect. */
export class RtUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RtUnavailable';
  }
}

export interface RtClientOptions {
  url: string;
  user: string;
  password: string;
  logger: Logger;
  /** Ends the waits between retries (a stopping process); the pending call then throws. */
  signal?: AbortSignal;
  backoff?: { baseDelayMs: number; maxDelayMs: number };
}

type Query = Record<string, string | number>;

export interface RtClient {
  /** Reads are retried with backoff for as long as RT is unavailable: they change nothing. */
  get<T>(path: string, query?: Query): Promise<T>;
  /** Setting fields to given values is as good done twice: retried like a read. */
  put<T>(path: string, body: unknown): Promise<T>;
  /** One attempt: a POST that got no answer may have created something, so the caller decides. */
  post<T>(path: string, body: unknown): Promise<T>;
  /** Waits out the `attempt`th backoff (1 for the first retry). */
  backoff(attempt: number): Promise<void>;
}

const REQUEST_TIMEOUT_MS = 30_000;
// 401 is a credentials problem of ours, fixed by an operator: waiting loses nothing, refusing would.
const RETRYABLE = new Set([401, 408, 409, 423, 429]);

export const createRtClient = (options: RtClientOptions): RtClient => {
  const base = `${options.url.replace(/\/+$/, '')}/REST/2.0`;
  const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const { baseDelayMs, maxDelayMs } = options.backoff ?? { baseDelayMs: 250, maxDelayMs: 30_000 };

  const once = async <T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> => {
    const url = new URL(`${base}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, String(v));
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new RtUnavailable(`${method} ${path}: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
    const reason = `${method} ${path}: RT answered ${response.status}: ${messageOf(text)}`;
    if (response.status >= 500 || RETRYABLE.has(response.status)) throw new RtUnavailable(reason);
    throw new RtRefused(response.status, reason);
  };

  const backoff = async (attempt: number): Promise<void> => {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    await sleep(ceiling / 2 + Math.random() * (ceiling / 2), undefined, options.signal ? { signal: options.signal } : {});
  };

  const retried = async <T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<T>(method, path, query, body);
      } catch (error) {
        if (!(error instanceof RtUnavailable)) throw error;
        options.logger.warn('Request Tracker unavailable; retrying', { attempt, err: error.message });
        await backoff(attempt);
      }
    }
  };

  return {
    get: (path, query) => retried('GET', path, query),
    put: (path, body) => retried('PUT', path, undefined, body),
    post: (path, body) => once('POST', path, undefined, body),
    backoff,
  };
};

/** RT's errors are `{"message": …}`; anything else is quoted as it came, cut short. */
const messageOf = (text: string): string => {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: an HTML error page, say
  }
  return text.slice(0, 300);
};
