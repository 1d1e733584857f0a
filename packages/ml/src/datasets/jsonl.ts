import { InputError } from './input-error.ts';

export interface JsonLine {
  line: number;
  record: Record<string, unknown>;
}

/** One JSON object per line; blank lines are skipped. */
export function parseJsonLines(content: string, file: string): JsonLine[] {
  const records: JsonLine[] = [];
  content.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InputError(file, index + 1, `invalid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new InputError(file, index + 1, 'expected a JSON object');
    records.push({ line: index + 1, record: value as Record<string, unknown> });
  });
  return records;
}

export function requireString({ line, record }: JsonLine, name: string, file: string): string {
  const value = record[name];
  if (typeof value !== 'string') throw new InputError(file, line, `missing string field "${name}"`);
  return value;
}
