export type Row = Record<string, string | number | undefined>;

const cell = (value: string | number | undefined): string => (value === undefined ? '—' : String(value));

/** Prints rows as an aligned text table (numbers right-aligned), with a title line above it. */
export const printTable = (title: string, rows: Row[]): void => {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => cell(row[c]).length)));
  const line = (values: (string | number | undefined)[], numeric: boolean[]) =>
    values.map((v, i) => (numeric[i] ? cell(v).padStart(widths[i]!) : cell(v).padEnd(widths[i]!))).join('  ');
  const numeric = columns.map((c) => rows.every((row) => row[c] === undefined || typeof row[c] === 'number'));
  console.log(`\n${title}`);
  console.log(line(columns, numeric));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows)
    console.log(
      line(
        columns.map((c) => row[c]),
        numeric,
      ),
    );
};
