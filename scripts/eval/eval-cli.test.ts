import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, readExamples } from '@triage/ml';
import { readArticles, readQueries } from './read-kb.ts';

const root = join(import.meta.dirname, '../..');
let dir: string;
const file = async (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};
const evalCli = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/eval.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, OPENAI_API_KEY: '' } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, commas and line breaks inside fields, CRLF, and reports start lines', () => {
    const csv = 'text,category\r\n"a, b",x\r\n"say ""hi""\nthere",y\n\nplain,z';
    expect(parseCsv(csv, 'f.csv')).toEqual([
      { line: 1, fields: ['text', 'category'] },
      { line: 2, fields: ['a, b', 'x'] },
      { line: 3, fields: ['say "hi"\nthere', 'y'] },
      { line: 6, fields: ['plain', 'z'] },
    ]);
  });

  it('counts a CRLF inside a quoted field as one line', () => {
    const csv = 'text,category\r\n"two\r\nlines",x\r\n\r\nnext,y\r\nab"c,z\r\n';
    expect(parseCsv(csv.slice(0, csv.indexOf('ab"c')), 'f.csv').map((r) => r.line)).toEqual([1, 2, 5]);
    expect(() => parseCsv(csv, 'f.csv')).toThrow(/^f\.csv:6: a quote in the middle/);
  });

  it('names the line of an unterminated or misplaced quote', () => {
    expect(() => parseCsv('text,category\nok,a\n"never closed,b\n', 'f.csv')).toThrow('f.csv:3: unterminated quoted field');
    expect(() => parseCsv('text,category\nab"c,a\n', 'f.csv')).toThrow(/^f\.csv:2: a quote in the middle/);
    expect(() => parseCsv('text,category\n"abc"d,a\n', 'f.csv')).toThrow(/^f\.csv:2: unexpected character after a closing quote/);
  });
});

describe('reading examples', () => {
  it('reads CSV with columns in any order, and JSONL', async () => {
    const csv = await file('any-order.csv', 'category,text\nrefund,"I want my money back, now"\n');
    expect(await readExamples(csv)).toEqual([{ text: 'I want my money back, now', category: 'refund', line: 2 }]);
    const jsonl = await file('ok.jsonl', '{"text":"hi","category":"greet"}\n\n{"text":"bye","category":"leave"}\n');
    expect((await readExamples(jsonl)).map((e) => e.line)).toEqual([1, 3]);
  });

  it('names the file and line of each problem', async () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['empty.csv', '  \n', /empty\.csv: the file is empty/],
      ['header-only.csv', 'text,category\n', /header-only\.csv: the file has no examples/],
      ['no-category.csv', 'text,label\nhello,a\n', /no-category\.csv:1: missing column "category"/],
      ['short-row.csv', 'text,category\nhello,a\nno category here\n', /short-row\.csv:3: expected 2 fields/],
      ['empty-text.csv', 'text,category\n ,a\n', /empty-text\.csv:2: empty text/],
      [
        'latin1.csv',
        Buffer.concat([Buffer.from('text,category\nfine,a\ncaf'), Buffer.from([0xe9]), Buffer.from(',b\n')]),
        /latin1\.csv:3: not valid UTF-8/,
      ],
      ['bad.jsonl', '{"text":"a","category":"b"}\n{"text": oops}\n', /bad\.jsonl:2: invalid JSON/],
      ['no-field.jsonl', '{"text":"a"}\n', /no-field\.jsonl:1: missing string field "category"/],
      ['data.txt', 'x', /data\.txt: expected a \.csv or \.jsonl file/],
    ];
    for (const [name, content, message] of cases) await expect(readExamples(await file(name, content))).rejects.toThrow(message);
    await expect(readExamples(join(dir, 'missing.csv'))).rejects.toThrow(/missing\.csv: no such file/);
  });

  it('checks that relevant articles exist', async () => {
    const kb = await file('kb.jsonl', '{"id":"a1","title":"Refunds","body":"How refunds work."}\n');
    const articles = await readArticles(kb);
    const queries = await file('queries.jsonl', '{"query":"refund?","relevant":["a1"]}\n{"query":"x","relevant":["nope"]}\n');
    await expect(readQueries(queries, new Set(articles.map((a) => a.id)))).rejects.toThrow(
      /queries\.jsonl:2: relevant article nope is not in the knowledge base/,
    );
  });
});

describe('scripts/eval.ts', () => {
  const intents: Record<string, string[]> = {
    refund: ['I want a refund', 'refund my order please', 'money back for this purchase', 'how do refunds work', 'refund status'],
    password: [
      'reset my password',
      'forgot my password',
      'password reset link broken',
      'change my login password',
      'cannot log in password',
    ],
    delivery: ['where is my parcel', 'delivery is late', 'track my delivery', 'parcel not delivered', 'when will my order arrive'],
  };
  const rows = (prefixes: string[]) =>
    Object.entries(intents).flatMap(([category, texts]) =>
      prefixes.flatMap((prefix) => texts.map((text) => `"${prefix}${text}",${category}`)),
    );

  it('exits 1 with file and line for a test category the training file lacks', async () => {
    const train = await file('train.csv', ['text,category', ...rows(['', 'hi '])].join('\n'));
    const test = await file('test.csv', 'text,category\nreset password,password\nwhat is the weather,weather\n');
    const result = evalCli('--train', train, '--test', test, '--embedder', 'hashed');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/error: .*test\.csv:3: category "weather" does not occur in .*train\.csv \(pass --oos-label/);
  });

  it('exits 2 on bad usage, and prints its usage on --help', () => {
    expect(evalCli('--train', 'a.csv').stderr).toMatch(/error: classification needs both --train and --test/);
    expect(evalCli('--kb', 'k.jsonl', '--train', 'a.csv', '--test', 'b.csv').stderr).toMatch(/either --train and --test, or --kb/);
    const wrong = evalCli('--train', 'a.csv', '--test', 'b.csv', '--embedder', 'bert');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--embedder must be one of hashed, minilm, fused, openai/);
    const bogus = evalCli('--bogus');
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/^error: Unknown option '--bogus'.*\n$/);
    const help = evalCli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('npm run eval -- --train train.csv --test test.csv');
  });

  it('evaluates a classifier, abstains on out-of-scope rows, and writes JSON and HTML reports', async () => {
    const train = await file('train.csv', ['text,category', ...rows(['', 'hi ', 'hello ', 'please '])].join('\n'));
    const test = await file(
      'test.jsonl',
      [
        ...Object.entries(intents).map(([category, texts]) => JSON.stringify({ text: `urgent ${texts[1]}`, category })),
        JSON.stringify({ text: 'what is the capital of peru', category: 'oos' }),
      ].join('\n'),
    );
    const json = join(dir, 'out.json');
    const html = join(dir, 'report.html');
    const result = evalCli('--train', train, '--test', test, '--embedder', 'hashed', '--oos-label', 'oos', '--json', json, '--html', html);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/classifier tfidf: trained on 60 texts, tested on 3 in-scope texts/);
    expect(result.stdout).toMatch(/accuracy +100\.0%/);
    expect(result.stdout).toMatch(/out of scope +1 "oos" rows: precision/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ kind: 'classification', mode: 'tfidf', testExamples: 3, accuracy: 1 });
    expect(report.outOfScope.rows).toBe(1);
    expect(report.confusion.labels).toEqual(['delivery', 'password', 'refund']);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).toContain('Reliability diagram');
    expect(page).not.toMatch(/<(script|link)\b/);
  });

  it('evaluates retrieval, with answerable-vs-unanswerable AUROC when some queries have no article', async () => {
    const kb = await file(
      'kb.jsonl',
      [
        { id: 'refund', title: 'Refund policy', body: 'You can ask for a refund within 30 days of purchase.' },
        { id: 'domain', title: 'Connect a domain', body: 'Point your domain DNS records to our servers to connect it.' },
        { id: 'password', title: 'Reset your password', body: 'Use the forgot password link on the login page.' },
      ]
        .map((a) => JSON.stringify(a))
        .join('\n'),
    );
    const queries = await file(
      'queries.jsonl',
      [
        { query: 'how do I get a refund', relevant: ['refund'] },
        { query: 'connect my domain DNS', relevant: ['domain'] },
        { query: 'forgot my password', relevant: ['password'] },
        { query: 'best pizza in town', relevant: [] },
      ]
        .map((q) => JSON.stringify(q))
        .join('\n'),
    );
    const result = evalCli('--kb', kb, '--queries', queries, '--embedder', 'hashed');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/3 answerable, 1 unanswerable queries/);
    expect(result.stdout).toMatch(/lexical +1\.000 +1\.000 +1\.000 +1\.000 +1\.000/);
    expect(result.stdout).toMatch(/hybrid \(RRF\)/);
    expect(result.stdout).toMatch(/answerable probability \(RRF evidence score, fitted on \d+ queries\): slope/);

    // Dropping one of the three articles turns the query it answered into a knowledge gap.
    const gaps = evalCli('--kb', kb, '--queries', queries, '--embedder', 'hashed', '--drop-articles', '0.34');
    expect(gaps.status).toBe(0);
    expect(gaps.stdout).toMatch(/retrieval over 2 articles .*: 2 answerable, 2 unanswerable queries/);
  });
});
