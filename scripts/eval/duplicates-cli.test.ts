import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
let dir: string;
const file = async (name: string, content: string) => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};
const evalCli = (...args: string[]) => spawnSync(process.execPath, ['scripts/eval.ts', ...args], { cwd: root, encoding: 'utf8' });

const FORM = 'Steps to reproduce:\n\nActual results:\n\nExpected results:';
const reports: [string, string][] = [
  ['1', `Mail window closes when sending\n${FORM}\nsending fails with NS_ERROR_FILE_ACCESS_DENIED in nsMsgSend.cpp`],
  ['2', `Cannot send email any more\n${FORM}\nError console: NS_ERROR_FILE_ACCESS_DENIED from nsMsgSend.cpp`],
  ['3', `youtube.com videos stay black\n${FORM}\nThe player never starts on youtube.com`],
  ['4', `Video player black on youtube.com\n${FORM}\nNothing plays since 2.53.7`],
  ['5', `Calendar reminders fire twice\n${FORM}\nEach alarm pops up two dialogs`],
  ['6', `Printing cuts off the right margin\n${FORM}\nThe last column is missing`],
  ['7', `Fonts blurry on high DPI screens\n${FORM}\nMenus are fuzzy after the update`],
  ['8', `Bookmarks toolbar disappears after restart\n${FORM}\nThe toolbar is gone each time`],
];
const csv = (rows: string[][]) => rows.map((row) => row.map((field) => `"${field.replaceAll('"', '""')}"`).join(',')).join('\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-duplicates-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run eval -- --duplicates', () => {
  it('ranks the other reports for each report with a duplicate and writes hit@1, hit@5 and MRR@10', async () => {
    const reportsFile = await file('reports.csv', csv([['id', 'status', 'text'], ...reports.map(([id, text]) => [id, 'NEW', text])]));
    const pairsFile = await file('pairs.csv', 'id,duplicate_id\n2,1\n4,3\n');
    const json = join(dir, 'out.json');
    const html = join(dir, 'out.html');
    const result = evalCli(
      '--duplicates',
      '--reports',
      reportsFile,
      '--pairs',
      pairsFile,
      '--embedder',
      'hashed',
      '--json',
      json,
      '--html',
      html,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/8 reports, 2 duplicate pairs: 4 queries in 2 clusters/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ kind: 'duplicates', reports: 8, pairs: 2, queries: 4, clusters: 2 });
    for (const scores of [report, report.tuned.crossValidated, report.tuned.inSample, ...report.signals]) {
      for (const key of ['hitAt1', 'hitAt5', 'mrrAt10']) {
        expect(scores[key]).toBeGreaterThanOrEqual(0);
        expect(scores[key]).toBeLessThanOrEqual(1);
      }
      expect(scores.hitAt1).toBeLessThanOrEqual(scores.mrrAt10);
    }
    // Each pair shares a rare error name or host and its title words: found first.
    expect(report.hitAt1).toBe(1);
    expect(report.signals.map((s: { signal: string }) => s.signal)).toEqual(['dense', 'text', 'title', 'identifiers']);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<table>');
    expect(page).not.toMatch(/<(script|link)\b/);
  });

  it('names the file and line of a pair with an unknown report, and asks for both files', async () => {
    const reportsFile = await file('few.csv', csv([['id', 'text'], ...reports.slice(0, 2)]));
    const pairsFile = await file('bad-pairs.csv', 'id,duplicate_id\n1,2\n2,99\n');
    const bad = evalCli('--duplicates', '--reports', reportsFile, '--pairs', pairsFile, '--embedder', 'hashed');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad-pairs\.csv:3: report 99 is not in the reports file/);
    const usage = evalCli('--duplicates', '--reports', reportsFile);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--duplicates needs --reports and --pairs/);
  });
});
