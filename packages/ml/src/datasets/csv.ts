import { CsvError, type Options, parse } from 'csv-parse/sync';
import { InputError } from './input-error.ts';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

const REASONS: Partial<Record<CsvError['code'], string>> = {
  CSV_QUOTE_NOT_CLOSED: 'unterminated quoted field',
  INVALID_OPENING_QUOTE: 'a quote in the middle of an unquoted field (quote the whole field)',
  CSV_INVALID_CLOSING_QUOTE: 'unexpected character after a closing quote (quotes inside a quoted field are written "")',
};

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote inside
 * quotes, quoted fields may span lines, LF or CRLF line ends. Blank lines are skipped.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  // Lines are counted from each record's raw text: csv-parse's `info.lines` counts a CRLF inside a
  // quoted field as two lines, so every line number after one would be off.
  let line = 1;
  // Blank lines skipped before a record stay at the start of its raw text, one character each.
  const locate = (raw: string) => {
    const body = raw.replace(/^[\r\n]+/, '');
    return { start: line + raw.length - body.length, body };
  };
  const toRecord = ({ record, raw }: { record: string[]; raw: string }): CsvRecord => {
    const { start, body } = locate(raw);
    line = start + lineBreaks(body);
    return { line: start, fields: record };
  };
  try {
    // Per record as it is parsed, so `line` is where a failed record starts. With `raw`, on_record is
    // handed {record, raw} pairs and its results are returned, which csv-parse's types do not describe.
    const onRecord = toRecord as unknown as Options['on_record'];
    // Both delimiters, not the autodetected first one, so a file mixing LF and CRLF still splits.
    const options = { raw: true, record_delimiter: ['\r\n', '\n'], skip_empty_lines: true, relax_column_count: true, on_record: onRecord };
    return parse(text, options) as unknown as CsvRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const { start, body } = locate(typeof error.raw === 'string' ? error.raw : '');
    // The raw text of a failed record ends at the offending character, or at the end of the file for an open quote.
    const at = error.code === 'CSV_QUOTE_NOT_CLOSED' ? start : start + lineBreaks(body);
    throw new InputError(file, at, REASONS[error.code] ?? error.message);
  }
}

/** In raw text a CRLF that ends a record is left as its `\r`; one inside a quoted field is whole. */
const lineBreaks = (raw: string): number => raw.match(/\r\n|\r|\n/g)?.length ?? 0;
