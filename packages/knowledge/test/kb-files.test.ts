import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KbFileError, readKnowledgeBase } from '../src/kb-files.ts';

const SEED_KB = fileURLToPath(new URL('../../../data/seed/kb', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (name: string, content: string | Uint8Array): Promise<string> => {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return path;
};

const jsonl = (...records: unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n');

/** Runs `read` and returns the KbFileError it throws, failing the test if it throws anything else or nothing. */
const kbError = async (read: Promise<unknown>): Promise<KbFileError> => {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KbFileError);
  return error as KbFileError;
};

describe('readKnowledgeBase from JSON Lines', () => {
  it('reads id, title, body and url, skipping blank lines and unknown fields', async () => {
    const path = await file(
      'basic.jsonl',
      `${jsonl({ id: 'a1', title: ' VPN ', body: 'Restart the client.', url: 'https://kb.example/a1', views: 3 })}\n\n${jsonl({ id: 7, title: 'Printer', body: 'Power cycle it.' })}\n`,
    );
    expect(await readKnowledgeBase(path)).toEqual([
      { id: 'a1', title: 'VPN', body: 'Restart the client.', url: 'https://kb.example/a1' },
      { id: '7', title: 'Printer', body: 'Power cycle it.' },
    ]);
  });

  it.each(['contents', 'content', 'text'])('accepts the article text in "%s"', async (field) => {
    const path = await file(`field-${field}.jsonl`, jsonl({ id: 'x', title: 'T', [field]: 'the text' }));
    expect(await readKnowledgeBase(path)).toEqual([{ id: 'x', title: 'T', body: 'the text' }]);
  });

  it('handles CRLF line endings and a byte order mark', async () => {
    const path = await file(
      'crlf.jsonl',
      `\uFEFF${jsonl({ id: 'a', title: 'A', body: 'x' })}\r\n${jsonl({ id: 'b', title: 'B', body: 'y' })}\r\n`,
    );
    expect((await readKnowledgeBase(path)).map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('reads WixQA-style records (64-hex id, url, article_type)', async () => {
    const id = 'b7e4c0f1d2a3968574e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1';
    const record = {
      id,
      title: 'Connecting a Domain: Troubleshooting',
      body: 'Connecting a Domain: Troubleshooting\nIf your domain is not connected after 48 hours, check the name servers.',
      url: 'https://support.example.com/en/article/connecting-a-domain-troubleshooting',
      article_type: 'article',
    };
    const path = await file('wixqa.jsonl', `${jsonl(record)}\n`);
    expect(await readKnowledgeBase(path)).toEqual([{ id, title: record.title, body: record.body, url: record.url }]);
  });

  it.each([
    ['bad JSON', `${jsonl({ id: 'a', title: 'A', body: 'x' })}\n{"id": "b", "title": `, 2, /invalid JSON/],
    ['a non-object line', `${jsonl({ id: 'a', title: 'A', body: 'x' })}\n\n["b"]`, 3, /expected a JSON object/],
    ['a missing id', jsonl({ title: 'A', body: 'x' }), 1, /missing "id"/],
    ['a missing title', jsonl({ id: 'a', title: 'A', body: 'x' }, { id: 'b', body: 'y' }), 2, /article "b" has no "title"/],
    ['a blank title', jsonl({ id: 'a', title: '  ', body: 'x' }), 1, /has no "title"/],
    ['a missing body', jsonl({ id: 'a', title: 'A', summary: 'x' }), 1, /has no text in any of "body", "contents", "content", "text"/],
    ['a non-string url', jsonl({ id: 'a', title: 'A', body: 'x', url: 5 }), 1, /"url" that is not a string/],
    [
      'a javascript: url',
      jsonl(
        { id: 'a', title: 'A', body: 'x', url: 'https://kb.example/a' },
        { id: 'b', title: 'B', body: 'y', url: ' javascript:alert(1)' },
      ),
      2,
      /article "b" has a "url" that is not an http\(s\) link: "javascript:alert\(1\)"/,
    ],
    ['a data: url', jsonl({ id: 'a', title: 'A', body: 'x', url: 'data:text/html,<script>alert(1)</script>' }), 1, /not an http\(s\) link/],
    ['a relative url', jsonl({ id: 'a', title: 'A', body: 'x', url: '/help/a' }), 1, /not an http\(s\) link/],
    [
      'a duplicate id',
      jsonl({ id: 'a', title: 'A', body: 'x' }, { id: 'c', title: 'C', body: 'z' }, { id: 'a', title: 'B', body: 'y' }),
      3,
      /duplicate id "a" \(first on line 1\)/,
    ],
  ])('rejects %s, naming the file and line', async (name, content, line, problem) => {
    const path = await file(`bad-${name.replaceAll(' ', '-')}.jsonl`, content);
    const error = await kbError(readKnowledgeBase(path));
    expect(error.file).toBe(path);
    expect(error.line).toBe(line);
    expect(error.message.startsWith(`${path}:${line}: `)).toBe(true);
    expect(error.message).toMatch(problem);
  });

  it.each([
    ['empty', ''],
    ['blank', '\n  \n\n'],
  ])('rejects an %s file', async (name, content) => {
    const path = await file(`${name}.jsonl`, content);
    const error = await kbError(readKnowledgeBase(path));
    expect(error.message).toBe(`${path}: the file is empty: expected one JSON article per line`);
  });

  it('rejects bytes that are not UTF-8, naming the line', async () => {
    const good = new TextEncoder().encode(`${jsonl({ id: 'a', title: 'A', body: 'x' })}\n`);
    const bad = Uint8Array.from([
      ...good,
      ...new TextEncoder().encode('{"id":"b","title":"caf'),
      0xe9,
      ...new TextEncoder().encode('","body":"y"}'),
    ]);
    const path = await file('latin1.jsonl', bad);
    const error = await kbError(readKnowledgeBase(path));
    expect(error.message).toBe(`${path}:2: not valid UTF-8 text`);
  });
});

describe('readKnowledgeBase from a directory of Markdown', () => {
  it('takes the id from the file name, the title from the first heading and the rest as body', async () => {
    await file('md/vpn.md', "# VPN won't connect\n\nRestart the client.\n\n## Still failing\nCall IT.\n");
    await file('md/no-heading.md', 'Just some text\nwith no heading.\n');
    await file('md/late-heading.MD', 'Intro line.\n# The Title\nBody line.\n');
    await file('md/notes.txt', 'ignored');
    await mkdir(join(dir, 'md/subdir.md'), { recursive: true });
    expect(await readKnowledgeBase(join(dir, 'md'))).toEqual([
      { id: 'late-heading', title: 'The Title', body: 'Intro line.\nBody line.' },
      { id: 'no-heading', title: 'no-heading', body: 'Just some text\nwith no heading.' },
      { id: 'vpn', title: "VPN won't connect", body: 'Restart the client.\n\n## Still failing\nCall IT.' },
    ]);
  });

  it('rejects a directory with no .md files', async () => {
    await file('empty-dir/readme.txt', 'x');
    const error = await kbError(readKnowledgeBase(join(dir, 'empty-dir')));
    expect(error.message).toBe(`${join(dir, 'empty-dir')}: no .md articles in this directory`);
  });

  it.each([
    ['an empty article', 'empty.md', '\n\n', 'the file is empty'],
    ['an article with only a title', 'title-only.md', '# Lonely title\n', 'article "Lonely title" has no body below its title'],
  ])('rejects %s', async (_name, fileName, content, problem) => {
    const path = await file(`md-bad-${fileName}/${fileName}`, content);
    const error = await kbError(readKnowledgeBase(join(path, '..')));
    expect(error.message).toBe(`${path}: ${problem}`);
  });

  it('rejects a Markdown file that is not UTF-8, naming the line', async () => {
    const path = await file('md-latin1/cafe.md', Uint8Array.from([...new TextEncoder().encode('# Cafe\nline two\ncaf'), 0xe9, 0x0a]));
    const error = await kbError(readKnowledgeBase(join(path, '..')));
    expect(error.message).toBe(`${path}:3: not valid UTF-8 text`);
  });

  it('reads the seed knowledge base', async () => {
    const articles = await readKnowledgeBase(SEED_KB);
    expect(articles.length).toBeGreaterThanOrEqual(25);
    expect(articles.find((a) => a.id === 'reset-password')?.title).toBe('Reset a forgotten password');
    for (const article of articles) {
      const words = article.body.split(/\s+/).length;
      expect(article.title, article.id).not.toBe(article.id);
      expect(words, article.id).toBeGreaterThanOrEqual(120);
      expect(words, article.id).toBeLessThanOrEqual(400);
    }
  });
});

describe('readKnowledgeBase paths', () => {
  it('rejects a path that does not exist', async () => {
    const path = join(dir, 'missing.jsonl');
    const error = await kbError(readKnowledgeBase(path));
    expect(error.message).toBe(`${path}: no such file or directory`);
  });

  it('rejects a file that is neither .jsonl nor a directory', async () => {
    const path = await file('kb.json', '[]');
    const error = await kbError(readKnowledgeBase(path));
    expect(error.message).toBe(`${path}: expected a .jsonl file or a directory of .md files`);
  });
});
