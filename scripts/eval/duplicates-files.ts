import { InputError, parseCsv, readUtf8, type CsvRecord } from '@triage/ml';

export interface BugReport {
  id: string;
  text: string;
}

/** Reports as CSV with `id` and `text` columns (others, such as `created` or `status`, are ignored). */
export const readReports = async (file: string): Promise<BugReport[]> => {
  const { rows, column } = await readTable(file, ['id', 'text']);
  const seen = new Set<string>();
  return rows.map(({ line, fields }) => {
    const id = fields[column.id!]!.trim();
    if (!id) throw new InputError(file, line, 'empty id');
    if (seen.has(id)) throw new InputError(file, line, `report id ${id} appears twice`);
    seen.add(id);
    return { id, text: fields[column.text!]! };
  });
};

/** Duplicate pairs as CSV with `id` and `duplicate_id` columns; both must be known reports. */
export const readPairs = async (file: string, reportIds: ReadonlySet<string>): Promise<[string, string][]> => {
  const { rows, column } = await readTable(file, ['id', 'duplicate_id']);
  return rows.map(({ line, fields }) => {
    const pair: [string, string] = [fields[column.id!]!.trim(), fields[column.duplicate_id!]!.trim()];
    const unknown = pair.find((id) => !reportIds.has(id));
    if (unknown !== undefined) throw new InputError(file, line, `report ${unknown || '(empty)'} is not in the reports file`);
    if (pair[0] === pair[1]) throw new InputError(file, line, `report ${pair[0]} is paired with itself`);
    return pair;
  });
};

const readTable = async (file: string, required: readonly string[]) => {
  const [header, ...rows] = parseCsv(await readUtf8(file), file);
  if (!header) throw new InputError(file, undefined, 'the file is empty');
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const column: Record<string, number> = {};
  for (const name of required) {
    column[name] = names.indexOf(name);
    if (column[name] < 0) throw new InputError(file, header.line, `missing column "${name}" (the header is: ${header.fields.join(',')})`);
  }
  if (rows.length === 0) throw new InputError(file, undefined, 'the file has no rows');
  const short = rows.find((row: CsvRecord) => row.fields.length !== names.length);
  if (short) throw new InputError(file, short.line, `expected ${names.length} fields as in the header, got ${short.fields.length}`);
  return { rows, column };
};
