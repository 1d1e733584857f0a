import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiCompatibleEmbeddings, createEmbeddings } from '@triage/embeddings';

const DIMENSIONS = 4;
/** A recognisable vector per text, so tests can check each text got its own. */
const vectorOf = (text: string) => [text.length, text.charCodeAt(0), text.charCodeAt(text.length - 1), 1];

/** Speaks just enough of POST /v1/embeddings; fails the next requests with the queued statuses. */
class FakeEmbeddingsServer {
  readonly requests: { input: string[]; model: string; dimensions: number; encoding_format: string }[] = [];
  readonly failures: number[] = [];
  returnedDimensions = DIMENSIONS;
  readonly #server: Server;

  constructor() {
    this.#server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const failure = this.failures.shift();
        if (request.url !== '/v1/embeddings' || failure !== undefined) {
          response.writeHead(failure ?? 404, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: { message: 'failing on purpose', type: 'server_error' } }));
          return;
        }
        const parsed = JSON.parse(body);
        this.requests.push(parsed);
        const data = (parsed.input as string[]).map((text, index) => ({
          object: 'embedding',
          index,
          embedding: vectorOf(text).slice(0, this.returnedDimensions),
        }));
        response.writeHead(200, { 'content-type': 'application/json' });
        // Reversed: clients must order by `index`, not by position.
        response.end(
          JSON.stringify({ object: 'list', data: data.reverse(), model: parsed.model, usage: { prompt_tokens: 1, total_tokens: 1 } }),
        );
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

describe('OpenAiCompatibleEmbeddings', () => {
  const server = new FakeEmbeddingsServer();
  let baseURL: string;
  const embedder = (options: { batchSize?: number; maxRetries?: number; cacheSize?: number } = {}) =>
    new OpenAiCompatibleEmbeddings({ baseURL, apiKey: 'test-key', model: 'test-model', dimensions: DIMENSIONS, ...options });

  beforeAll(async () => {
    baseURL = await server.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  beforeEach(() => {
    server.requests.length = 0;
    server.failures.length = 0;
    server.returnedDimensions = DIMENSIONS;
  });

  it('sends texts in batches and returns each text its own vector, in input order', async () => {
    const texts = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const vectors = await embedder({ batchSize: 2 }).embedDocuments(texts);
    expect(vectors).toEqual(texts.map(vectorOf));
    expect(server.requests.map((r) => r.input)).toEqual([['alpha', 'bravo'], ['charlie', 'delta'], ['echo']]);
    expect(server.requests[0]).toMatchObject({ model: 'test-model', dimensions: DIMENSIONS, encoding_format: 'float' });
  });

  it('serves repeated texts from its cache and sends duplicates once', async () => {
    const client = embedder();
    await client.embedDocuments(['one', 'two', 'one']);
    expect(server.requests.map((r) => r.input)).toEqual([['one', 'two']]);
    expect(await client.embedQuery('two')).toEqual(vectorOf('two'));
    expect(await client.embedDocuments(['three', 'one'])).toEqual([vectorOf('three'), vectorOf('one')]);
    expect(server.requests.map((r) => r.input)).toEqual([['one', 'two'], ['three']]);
  });

  it('forgets the least recently used text beyond its cache size', async () => {
    const client = embedder({ cacheSize: 1 });
    await client.embedQuery('one');
    await client.embedQuery('two');
    await client.embedQuery('one');
    expect(server.requests).toHaveLength(3);
  });

  it('retries a server error and succeeds', async () => {
    server.failures.push(500);
    expect(await embedder({ maxRetries: 2 }).embedQuery('retry me')).toEqual(vectorOf('retry me'));
    expect(server.requests).toHaveLength(1); // the failed attempt is not recorded, the retry is
    expect(server.failures).toHaveLength(0);
  });

  it('gives up after its retries, and never retries a client error', async () => {
    server.failures.push(503, 503);
    await expect(embedder({ maxRetries: 1 }).embedQuery('x')).rejects.toThrow(/503/);
    server.failures.length = 0;
    server.failures.push(400, 400);
    await expect(embedder({ maxRetries: 3 }).embedQuery('x')).rejects.toThrow(/400/);
    expect(server.failures).toEqual([400]);
  });

  it('rejects vectors of another length than configured', async () => {
    server.returnedDimensions = 3;
    await expect(embedder().embedQuery('x')).rejects.toThrow(/returned 3-dim vectors, configured for 4/);
  });

  it('is what createEmbeddings builds for the openai provider', async () => {
    const built = await createEmbeddings(
      { provider: 'openai', baseURL, apiKey: 'k', model: 'm', dimensions: DIMENSIONS },
      { warn: () => expect.unreachable() },
    );
    expect(built).toBeInstanceOf(OpenAiCompatibleEmbeddings);
    expect(built.name).toBe('openai:m:4');
    expect(built.dimension).toBe(DIMENSIONS);
  });
});
