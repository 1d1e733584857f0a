import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
let dir: string;
const evalCli = (...args: string[]) => spawnSync(process.execPath, ['scripts/eval.ts', ...args], { cwd: root, encoding: 'utf8' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-language-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run eval -- --language', () => {
  it('scores the detector per language and writes accuracy, macro-F1 and the confusion', async () => {
    const samples = join(dir, 'samples.csv');
    await writeFile(
      samples,
      [
        'language,text',
        'es,"No puedo iniciar sesión en mi cuenta desde ayer"',
        'es,Necesito restablecer mi contraseña por favor',
        'en,I cannot log in to my account since yesterday',
        'en,Please help me reset my password',
        'fr,Je ne peux pas me connecter à mon compte',
        'de,ok',
      ].join('\n'),
    );
    const json = join(dir, 'out.json');
    const html = join(dir, 'out.html');
    const result = evalCli('--language', '--samples', samples, '--json', json, '--html', html);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/6 texts in 4 languages: accuracy 83\.3%/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ kind: 'language', samples: 6, undetected: 1, confusion: { de: { none: 1 }, es: { es: 2 } } });
    expect(report.perLanguage.es).toEqual({ precision: 1, recall: 1, f1: 1, support: 2 });
    expect(report.perLanguage.de).toMatchObject({ recall: 0, f1: 0 });
    expect(report.macroF1).toBeCloseTo(0.75, 5);
    expect(await readFile(html, 'utf8')).toContain('<td>es</td>');
  });

  it('refuses a row whose language is not a code, naming the line', async () => {
    const samples = join(dir, 'bad.csv');
    await writeFile(samples, 'language,text\nes,Hola a todos\nSpanish,Buenos días\n');
    const result = evalCli('--language', '--samples', samples);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/bad\.csv.*3.*ISO 639-1/s);
  });
});
