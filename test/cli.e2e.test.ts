// The operator commands against real PostgreSQL: knowledge-base import and categorizer retraining.
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readExamples } from '@triage/ml';
import { createPgStore, type OutboxRow, type Store } from '@triage/store';
import { freshDatabase } from './harness/database.ts';

let store: Store;
let database: Awaited<ReturnType<typeof freshDatabase>>;

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [`scripts/${script}.ts`, ...args], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, DATABASE_URL: database.url, EMBEDDER: 'hashed' },
    encoding: 'utf8',
  });

const updates = async (): Promise<OutboxRow[]> => {
  const rows: OutboxRow[] = [];
  await store.outbox.drain(100, async (batch) => void rows.push(...batch));
  return rows.filter((r) => r.topic === 'models.updated');
};

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  store = await createPgStore({ url: database.url, embeddingDim: 384 });
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

describe('npm run kb:import', () => {
  it('imports a folder of Markdown articles for a tenant and announces the new knowledge base', async () => {
    const result = run('kb-import', ['data/seed/kb', '--tenant', 'initech']);
    expect(result.status, result.stderr).toBe(0);
    expect(await store.kb.count('initech')).toBe(26);
    expect((await updates()).map((r) => [r.event.tenantId, (r.event.payload as { model: string }).model])).toEqual([['initech', 'kb']]);
  });

  it('refuses a broken file naming the file and line, and stores nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-'));
    const file = join(dir, 'broken.jsonl');
    await writeFile(file, '{"id":"a","title":"A","body":"fine"}\n{"id":"b","title":\n');
    const result = run('kb-import', [file, '--tenant', 'umbrella']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`${file}:2`);
    expect(await store.kb.count('umbrella')).toBe(0);
  });
});

describe('npm run train', () => {
  it("adds labeled examples, trains a new version of the tenant's categorizer and announces it", async () => {
    const seed = await readExamples('data/seed/examples.csv');
    const dir = await mkdtemp(join(tmpdir(), 'train-'));
    const file = join(dir, 'examples.csv');
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await writeFile(
      file,
      ['text,category,kind', ...seed.slice(0, 120).map((e) => [quote(e.text), e.category, e.kind ?? ''].join(','))].join('\n'),
    );
    const result = run('train', ['--tenant', 'initech', '--examples', file]);
    expect(result.status, result.stderr).toBe(0);
    const model = await store.models.latest('initech', 'categorizer');
    expect(model?.version).toMatch(/^hashed/);
    expect(result.stdout).toContain(model!.version);
    expect((await store.examples.list('initech')).length).toBe(120);
    expect((await updates()).map((r) => (r.event.payload as { version: string }).version)).toEqual([model!.version]);
  }, 120_000);
});
