import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
let dir: string;
const evalCli = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/eval.ts', '--escalation', ...args], { cwd: root, encoding: 'utf8' });

// Outages and data loss are high, crashes medium, typos and docs low; filler words vary.
const topics: Record<string, string[]> = {
  high: ['production outage, all users down', 'data loss after upgrade', 'security hole exposes passwords'],
  medium: ['crash when opening settings', 'export fails for large files', 'sync is slow on mondays'],
  low: ['typo in the docs', 'button colour is off', 'misaligned footer text'],
};
const rows = (copies: number) =>
  Object.entries(topics).flatMap(([urgency, texts]) =>
    Array.from({ length: copies }, (_, i) => texts.map((text) => `"${text} (ticket ${i})",${urgency},web`)).flat(),
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-escalation-'));
  await writeFile(join(dir, 'train.csv'), ['text,category,channel', ...rows(6)].join('\n'));
  await writeFile(join(dir, 'test.csv'), ['text,category,channel', ...rows(1)].join('\n'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run eval -- --escalation', () => {
  const inRange = (report: Record<string, number>) => {
    for (const key of ['macroF1', 'highAuroc', 'highRecallAt20Fpr', 'ece', 'highEce']) {
      expect(report[key]).toBeGreaterThanOrEqual(0);
      expect(report[key]).toBeLessThanOrEqual(1);
    }
  };

  it('scores a test file and writes JSON and HTML', async () => {
    const json = join(dir, 'test.json');
    const html = join(dir, 'test.html');
    const result = evalCli(
      '--train',
      join(dir, 'train.csv'),
      '--test',
      join(dir, 'test.csv'),
      '--embedder',
      'hashed',
      '--json',
      json,
      '--html',
      html,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/AUROC of P\(high\) +\d\.\d{3}/);
    expect(result.stdout).toMatch(/recall of high at 20\.0% false alarms/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    inRange(report);
    // Each topic is spelled out in training: the test tickets are easy.
    expect(report.highAuroc).toBe(1);
    expect(report.confusion).toEqual({ labels: ['high', 'medium', 'low'], counts: expect.any(Array) });
    expect(report.perClass.map((c: { label: string }) => c.label)).toEqual(['high', 'medium', 'low']);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('Confusion matrix');
    expect(page).not.toMatch(/<(script|link)\b/);
  });

  it('cross-validates with the mean and spread over folds', async () => {
    const json = join(dir, 'cv.json');
    const result = evalCli('--train', join(dir, 'train.csv'), '--cv', '3', '--embedder', 'hashed', '--json', json);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/3-fold cross-validation of .*train\.csv, 54 tickets \(mean ± standard deviation over folds\)/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    inRange(report);
    expect(report.folds).toHaveLength(3);
    expect(report.spread.highAuroc).toBeGreaterThanOrEqual(0);
  });

  it('refuses bad usage and categories that are not urgencies', async () => {
    expect(evalCli('--train', join(dir, 'train.csv'), '--embedder', 'hashed').stderr).toMatch(/either --test or --cv K/);
    expect(evalCli('--train', join(dir, 'train.csv'), '--cv', '1', '--embedder', 'hashed').stderr).toMatch(
      /--cv must be an integer of at least 2/,
    );
    const wrong = join(dir, 'wrong.csv');
    await writeFile(wrong, 'text,category\nserver down,urgent\n');
    const result = evalCli('--train', wrong, '--cv', '2', '--embedder', 'hashed');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/wrong\.csv:2: category must be one of high, medium, low/);
  });
});
