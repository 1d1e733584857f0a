import { InputError, parseJsonLines, readUtf8, requireString, type JsonLine } from '@triage/ml';

export interface KbArticle {
  id: string;
  title: string;
  body: string;
}

export interface KbQuery {
  query: string;
  /** Ids of the articles that answer it; empty when the knowledge base has no answer. */
  relevant: string[];
  line: number;
}

/** Articles as JSONL of {"id","title","body"} (other fields ignored). */
export async function readArticles(file: string): Promise<KbArticle[]> {
  const articles = (await readJsonLines(file)).map((entry) => ({
    id: requireString(entry, 'id', file),
    title: requireString(entry, 'title', file),
    body: requireString(entry, 'body', file),
  }));
  const seen = new Set<string>();
  for (const article of articles) {
    if (seen.has(article.id)) throw new InputError(file, undefined, `article id ${article.id} appears twice`);
    seen.add(article.id);
  }
  return articles;
}

/** Queries as JSONL of {"query","relevant":[ids]}; every relevant id must be a known article. */
export async function readQueries(file: string, articleIds: ReadonlySet<string>): Promise<KbQuery[]> {
  return (await readJsonLines(file)).map((entry) => {
    const { line, record } = entry;
    const query = requireString(entry, 'query', file);
    const relevant = record.relevant;
    if (!Array.isArray(relevant) || !relevant.every((id) => typeof id === 'string')) {
      throw new InputError(file, line, 'field "relevant" must be an array of article ids ([] when nothing answers it)');
    }
    const unknown = relevant.find((id) => !articleIds.has(id));
    if (unknown !== undefined) throw new InputError(file, line, `relevant article ${unknown} is not in the knowledge base`);
    return { query, relevant, line };
  });
}

async function readJsonLines(file: string): Promise<JsonLine[]> {
  const content = await readUtf8(file);
  if (content.trim() === '') throw new InputError(file, undefined, 'the file is empty');
  return parseJsonLines(content, file);
}
