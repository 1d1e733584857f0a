import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
let dir: string;
const evalCli = (...args: string[]) => spawnSync(process.execPath, ['scripts/eval.ts', ...args], { cwd: root, encoding: 'utf8' });
const jsonl = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-entities-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run eval -- --entities', () => {
  it('scores the extractor kind by kind and writes precision, recall and F1', async () => {
    const samples = join(dir, 'samples.jsonl');
    await writeFile(
      samples,
      jsonl([
        {
          text: 'API 500 errors after upgrading SDK to v3.2.1: error code E_SCHEMA_4411 on /v1/orders, order ORD-88213',
          entities: { httpStatuses: ['500'], versions: ['v3.2.1'], errorCodes: ['E_SCHEMA_4411'], orderIds: ['ORD-88213'] },
        },
        // A bare two-part number is not read as a version (it could be a price or a ratio): a miss here.
        { text: 'Docs for 2.1 are missing', entities: { versions: ['2.1'] } },
        { text: 'Tests run: 9, Failures: 0, Errors: 0', entities: {} },
      ]),
    );
    const json = join(dir, 'out.json');
    const html = join(dir, 'out.html');
    const result = evalCli('--entities', '--samples', samples, '--json', json, '--html', html);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/3 texts: micro precision 1\.000, recall 0\.800/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ kind: 'entities', samples: 3, badSpans: 0 });
    expect(report.perKind.errorCodes).toMatchObject({ precision: 1, recall: 1, truePositives: 1 });
    expect(report.perKind.versions).toMatchObject({ precision: 1, recall: 0.5, falseNegatives: 1 });
    expect(report.errors).toEqual([{ kind: 'versions', text: 'Docs for 2.1 are missing', missed: ['2.1'], extra: [] }]);
    expect(await readFile(html, 'utf8')).toContain('<td>errorCodes</td>');
  });

  it('refuses a label of an unknown kind, naming the line', async () => {
    const samples = join(dir, 'bad.jsonl');
    await writeFile(
      samples,
      jsonl([
        { text: 'fine', entities: {} },
        { text: 'E1234', entities: { errorcode: ['E1234'] } },
      ]),
    );
    const result = evalCli('--entities', '--samples', samples);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/bad\.jsonl.*2/s);
  });
});
