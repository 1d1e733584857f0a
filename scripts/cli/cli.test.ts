import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteStore } from '@triage/store';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** Nothing listens on port 1. */
const NOWHERE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/triage', KAFKA_BROKERS: '127.0.0.1:1', EMBEDDER: 'hashed' };

const run = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [`scripts/${script}.ts`, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });

/** One line on stderr, no stack trace. */
const oneLine = (stderr: string) => {
  expect(stderr.trimEnd().split('\n'), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return stderr;
};

const TOOLS: [script: string, usage: string, mistake: string[]][] = [
  ['kb-import', 'npm run kb:import -- <file.jsonl', []],
  ['train', 'npm run train -- --tenant <id>', ['--examples', 'x.csv']],
  ['tail', 'npm run tail -- <topic>', ['a', 'b']],
  ['dlq', 'npm run dlq -- list <dlq-topic>', ['list', 'tickets.routed']],
  ['eval', 'npm run eval -- --train train.csv', ['--bogus']],
  ['admin', 'npm run admin -- tenant create', ['tenant', 'delete', 'acme']],
];

describe.each(TOOLS)('npm run %s', (script, usage, mistake) => {
  it('prints its usage on --help and exits 0', () => {
    const result = run(script, ['--help']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(usage);
  });

  it('answers a usage mistake in one line, exit code 2', () => {
    const result = run(script, mistake, NOWHERE);
    expect(result.status).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/^error: .*\(see --help\)$/m);
  });
});

describe('unreachable infrastructure', () => {
  it.each([
    ['kb-import', ['data/seed/kb']],
    ['train', ['--tenant', 'acme']],
    ['admin', ['list']],
  ])('%s names DATABASE_URL and npm run infra:up in one line', (script, args) => {
    const result = run(script, args, NOWHERE);
    expect(result.status).toBe(1);
    expect(oneLine(result.stderr)).toContain('cannot reach PostgreSQL at 127.0.0.1:1 (DATABASE_URL): start it with `npm run infra:up`');
  });

  it.each([
    ['dlq', ['list', 'dlq.categorizer']],
    ['tail', ['tickets.routed']],
  ])('%s names KAFKA_BROKERS and npm run infra:up in one line', (script, args) => {
    const result = run(script, args, NOWHERE);
    expect(result.status).toBe(1);
    expect(oneLine(result.stderr)).toContain('cannot reach Kafka at 127.0.0.1:1 (KAFKA_BROKERS): start it with `npm run infra:up`');
  });

  it('admin points at the admin API when the embedded default holds the data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'admin-cli-'));
    const embedded = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await writeFile(join(dataDir, 'triage.pid'), String(embedded.pid));
      const result = run('admin', ['--data-dir', dataDir, 'list']);
      expect(result.status).toBe(1);
      expect(oneLine(result.stderr)).toContain(
        `(pid ${embedded.pid}), probably \`npm start\`: use its admin API instead: npm run admin -- --url`,
      );
    } finally {
      embedded.kill();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm run admin on the data folder of `npm start`', () => {
  it('creates a tenant and a key there, which the embedded database then resolves', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'admin-data-'));
    try {
      expect(run('admin', ['--data-dir', dataDir, 'tenant', 'create', 'acme']).status).toBe(0);
      const created = run('admin', ['--data-dir', dataDir, 'key', 'create', '--tenant', 'acme']);
      expect(created.stderr).toContain('shown this once');
      const { key } = JSON.parse(created.stdout) as { key: string };
      const store = await createPgliteStore({ dataDir });
      try {
        expect(await store.tenants.resolveApiKey(key)).toEqual({ tenantId: 'acme' });
      } finally {
        await store.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
