import type { TechnicalEntities } from '@triage/contracts';

const ERROR_CODE = /\b(?:[A-Z]{2,}[-_]?\d{2,}|E\d{3,}|0x[\dA-Fa-f]{4,})\b/g;
const HTTP_STATUS =
  /\b(?:HTTP(?:\/\d(?:\.\d)?)?|status(?: code)?|error|code)\s*:?\s*([1-5]\d\d)\b|\b([1-5]\d\d)\s+(?:bad request|unauthorized|forbidden|not found|conflict|too many requests|internal server error|bad gateway|service unavailable|gateway time-?out)\b/gi;
// Three numeric parts (or a `v`/`version` prefix) so prices and decimals are not read as versions.
const VERSION = /(?<![\d.])(?:v\d+(?:\.\d+){0,3}|\d+\.\d+\.\d+(?:[-+][\w.]+)?)(?![.\d])|\bversion\s+\d+(?:\.\d+)*/gi;
const URL = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Bounded repetitions: an unbounded `[\w.]*` prefix backtracks quadratically on a long base64 line.
const EXCEPTION_LINE = /^[ \t]*(?:[\w$]{1,80}\.){0,12}[\w$]{0,80}(?:Error|Exception|Fault)\b(?::.*)?$/m;
const TRACE_MARKER =
  /^[ \t]*(?:Traceback \(most recent call last\):|Exception in thread .*|panic: .*|at [\w$.<>]+ ?\(.*\)|at [\w$.<>]+\(.*\))$/m;

const unique = (values: Iterable<string>): string[] => [...new Set(values)];
const trimUrl = (url: string): string => url.replace(/[.,;:!?)\]}]+$/, '');

export const extractEntities = (text: string): TechnicalEntities => {
  const httpStatuses = unique([...text.matchAll(HTTP_STATUS)].map((m) => (m[1] ?? m[2]) as string));
  return {
    errorCodes: unique(text.match(ERROR_CODE) ?? []),
    httpStatuses,
    versions: unique((text.match(VERSION) ?? []).map((v) => v.replace(/^version\s+/i, ''))),
    urls: unique((text.match(URL) ?? []).map(trimUrl)),
    stackTraceHead: (EXCEPTION_LINE.exec(text)?.[0] ?? TRACE_MARKER.exec(text)?.[0])?.trim(),
  };
};

/** How many distinct technical details the ticket names; URLs alone do not make a ticket harder. */
export const entityCount = (e: TechnicalEntities): number =>
  e.errorCodes.length + e.httpStatuses.length + e.versions.length + (e.stackTraceHead ? 1 : 0);
