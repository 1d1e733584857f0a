import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPgliteStore, DataDirInUse, MAX_EMBEDDING_DIM } from '../src/index.ts';
import { describeStore, type TestDatabase } from './store-suite.ts';

/** On disk, so the suite can close the store and open the same database again. */
const createDatabase = async (): Promise<TestDatabase> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'triage-pglite-'));
  return {
    open: (embeddingDim) => createPgliteStore({ dataDir, embeddingDim }),
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
};

describeStore({ name: 'PGlite', createDatabase });

describe('createPgliteStore', () => {
  it('runs in memory when given no data folder', async () => {
    const store = await createPgliteStore({ embeddingDim: 3 });
    try {
      await store.tenants.ensure('acme');
      await store.kb.upsert('acme', [{ id: 'a', title: 'Reset', body: 'How to reset', chunks: [{ text: 'reset', embedding: [0, 1, 0] }] }]);
      expect(await store.kb.searchDense('acme', [0, 1, 0], 1)).toEqual([{ articleId: 'a', ord: 0, similarity: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('keeps vectors of the largest dimension in the row beside a long chunk text', async () => {
    // Vectors are stored uncompressed in the row (STORAGE PLAIN): the largest must still fit a page.
    const store = await createPgliteStore({ embeddingDim: MAX_EMBEDDING_DIM });
    try {
      await store.tenants.ensure('acme');
      const unit = (i: number) => Array.from({ length: MAX_EMBEDDING_DIM }, (_, j) => (j === i ? 1 : 0));
      const text = 'A long passage about resetting passwords. '.repeat(200);
      await store.kb.upsert(
        'acme',
        [0, 1].map((i) => ({ id: `a${i}`, title: `Article ${i}`, body: text, chunks: [{ text, embedding: unit(i) }] })),
      );
      expect(await store.kb.searchDense('acme', unit(1), 1)).toEqual([{ articleId: 'a1', ord: 0, similarity: 1 }]);
      const stored = await store.sql.transaction((tx) => tx.query<{ text: string }>('SELECT text FROM article_chunks'), {
        tenantId: 'acme',
      });
      expect(stored.rows).toEqual([{ text }, { text }]);
    } finally {
      await store.close();
    }
  });
});

describe('a PGlite data folder', () => {
  it('opens in one process at a time, and takes over the claim of a process that is gone', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'triage-pglite-lock-'));
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await writeFile(join(dataDir, 'triage.pid'), String(holder.pid));
      await expect(createPgliteStore({ dataDir, embeddingDim: 3 })).rejects.toThrow(DataDirInUse);
      holder.kill();
      await once(holder, 'exit');
      const store = await createPgliteStore({ dataDir, embeddingDim: 3 });
      expect(await readFile(join(dataDir, 'triage.pid'), 'utf8')).toBe(String(process.pid));
      await store.close();
      await expect(readFile(join(dataDir, 'triage.pid'), 'utf8')).rejects.toThrow('ENOENT');
    } finally {
      holder.kill();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
