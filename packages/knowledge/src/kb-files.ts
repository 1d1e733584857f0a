import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { isWebUrl, notWebUrl } from './web-url.ts';

/** One knowledge-base article as read from disk, before chunking and embedding. */
export interface KbFileArticle {
  id: string;
  title: string;
  body: string;
  url?: string;
}

/** A knowledge-base file that cannot be read; the message names the file and, where known, the line. */
export class KbFileError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, problem: string, line?: number) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`);
    this.name = 'KbFileError';
    this.file = file;
    this.line = line;
  }
}

/** Field names that exports from help-desk tools use for the article text, in order of preference. */
const BODY_FIELDS = ['body', 'contents', 'content', 'text'] as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file line by line so an invalid byte is reported with its line number. */
const decodeLines = (bytes: Uint8Array, file: string): string[] => {
  const lines: string[] = [];
  let start = 0;
  while (start <= bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      // TextDecoder also drops a leading byte order mark.
      lines.push(utf8.decode(bytes.subarray(start, end)).replace(/\r$/, ''));
    } catch {
      throw new KbFileError(file, 'not valid UTF-8 text', lines.length + 1);
    }
    start = end + 1;
  }
  return lines;
};

const readLines = async (file: string): Promise<string[]> => decodeLines(await readFile(file), file);

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Parses one JSON Lines record. Unknown fields (e.g. WixQA's `article_type`) are ignored. */
const parseRecord = (line: string, file: string, lineNo: number): KbFileArticle => {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw new KbFileError(file, `invalid JSON: ${(error as Error).message}`, lineNo);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new KbFileError(file, 'expected a JSON object per line', lineNo);
  }
  const fields = record as Record<string, unknown>;
  const id = typeof fields.id === 'number' ? String(fields.id) : fields.id;
  if (!nonEmptyString(id)) throw new KbFileError(file, 'missing "id" (a non-empty string or number)', lineNo);
  if (!nonEmptyString(fields.title)) throw new KbFileError(file, `article "${id}" has no "title"`, lineNo);
  const body = BODY_FIELDS.map((name) => fields[name]).find(nonEmptyString);
  if (body === undefined) {
    throw new KbFileError(file, `article "${id}" has no text in any of ${BODY_FIELDS.map((f) => `"${f}"`).join(', ')}`, lineNo);
  }
  if (fields.url !== undefined && fields.url !== null && typeof fields.url !== 'string') {
    throw new KbFileError(file, `article "${id}" has a "url" that is not a string`, lineNo);
  }
  const article: KbFileArticle = { id, title: fields.title.trim(), body: body.trim() };
  if (nonEmptyString(fields.url)) {
    article.url = fields.url.trim();
    if (!isWebUrl(article.url)) throw new KbFileError(file, notWebUrl(id, article.url), lineNo);
  }
  return article;
};

const readJsonl = async (file: string): Promise<KbFileArticle[]> => {
  const articles: KbFileArticle[] = [];
  const firstLineOf = new Map<string, number>();
  const lines = await readLines(file);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const article = parseRecord(line, file, index + 1);
    const first = firstLineOf.get(article.id);
    if (first !== undefined) throw new KbFileError(file, `duplicate id "${article.id}" (first on line ${first})`, index + 1);
    firstLineOf.set(article.id, index + 1);
    articles.push(article);
  }
  if (articles.length === 0) throw new KbFileError(file, 'the file is empty: expected one JSON article per line');
  return articles;
};

const HEADING = /^#\s+(\S.*)$/;

/** id = file name without extension; title = the first `# ` heading (else the file name); body = everything else. */
const readMarkdown = async (file: string): Promise<KbFileArticle> => {
  const id = basename(file, extname(file));
  const lines = await readLines(file);
  if (lines.every((line) => line.trim() === '')) throw new KbFileError(file, 'the file is empty');
  const headingAt = lines.findIndex((line) => HEADING.test(line));
  const title = HEADING.exec(lines[headingAt] ?? '')?.[1]?.trim() ?? id;
  const body = lines
    .filter((_, index) => index !== headingAt)
    .join('\n')
    .trim();
  if (body === '') throw new KbFileError(file, `article "${title}" has no body below its title`);
  return { id, title, body };
};

const readMarkdownDirectory = async (dir: string): Promise<KbFileArticle[]> => {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && extname(entry.name).toLowerCase() === '.md')
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new KbFileError(dir, 'no .md articles in this directory');
  return Promise.all(names.map((name) => readMarkdown(join(dir, name))));
};

/**
 * Reads a knowledge base from a `.jsonl` file (one article object per line, text in `body`,
 * `contents`, `content` or `text`) or from a directory of `.md` articles.
 * Throws a KbFileError naming the file and line for anything it cannot use.
 */
export const readKnowledgeBase = async (path: string): Promise<KbFileArticle[]> => {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new KbFileError(path, error.code === 'ENOENT' ? 'no such file or directory' : error.message);
  });
  if (info.isDirectory()) return readMarkdownDirectory(path);
  if (extname(path).toLowerCase() === '.jsonl') return readJsonl(path);
  throw new KbFileError(path, 'expected a .jsonl file or a directory of .md files');
};
