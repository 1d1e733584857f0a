import { extname } from 'node:path';
import { parseCsv } from './csv.ts';
import { InputError } from './input-error.ts';
import { parseJsonLines, requireString } from './jsonl.ts';
import { readUtf8 } from './read-text.ts';

export type ExampleKind = 'incident' | 'service_request';

export interface Example {
  text: string;
  category: string;
  /** Incident or service request, when the file has a `kind` column or field. */
  kind?: ExampleKind | undefined;
  /** Where the example starts in its file, for error messages. */
  line: number;
}

/**
 * Labeled texts from a CSV with a `text,category[,kind]` header or JSONL of
 * {"text","category"[,"kind"]} objects.
 */
export async function readExamples(file: string): Promise<Example[]> {
  const extension = extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.jsonl') throw new InputError(file, undefined, 'expected a .csv or .jsonl file');
  const content = await readUtf8(file);
  if (content.trim() === '') throw new InputError(file, undefined, 'the file is empty');
  const examples = extension === '.csv' ? fromCsv(content, file) : fromJsonLines(content, file);
  if (examples.length === 0) throw new InputError(file, undefined, 'the file has no examples');
  return examples;
}

function fromCsv(content: string, file: string): Example[] {
  const [header, ...rows] = parseCsv(content, file);
  const columns = header!.fields.map((name) => name.trim().toLowerCase());
  const textColumn = columns.indexOf('text');
  const categoryColumn = columns.indexOf('category');
  const kindColumn = columns.indexOf('kind');
  for (const [name, column] of [
    ['text', textColumn],
    ['category', categoryColumn],
  ] as const) {
    if (column < 0) throw new InputError(file, header!.line, `missing column "${name}" (the header is: ${header!.fields.join(',')})`);
  }
  return rows.map(({ line, fields }) => {
    if (fields.length !== columns.length) {
      throw new InputError(
        file,
        line,
        `expected ${columns.length} fields as in the header, got ${fields.length} (quote fields that contain commas)`,
      );
    }
    return example(file, line, fields[textColumn]!, fields[categoryColumn]!, kindColumn < 0 ? undefined : fields[kindColumn]);
  });
}

function fromJsonLines(content: string, file: string): Example[] {
  return parseJsonLines(content, file).map((entry) =>
    example(file, entry.line, requireString(entry, 'text', file), requireString(entry, 'category', file), entry.record.kind),
  );
}

function example(file: string, line: number, text: string, category: string, kind: unknown): Example {
  if (text.trim() === '') throw new InputError(file, line, 'empty text');
  if (category.trim() === '') throw new InputError(file, line, 'empty category');
  if (kind !== undefined && kind !== '' && kind !== 'incident' && kind !== 'service_request') {
    throw new InputError(file, line, `kind must be "incident" or "service_request", got ${JSON.stringify(kind)}`);
  }
  return { text, category: category.trim(), line, ...(kind ? { kind: kind as ExampleKind } : {}) };
}
