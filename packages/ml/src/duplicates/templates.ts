/**
 * A line found verbatim in more reports than this comes from a form or a template (Bugzilla's
 * "Steps to reproduce:", a user-agent line, webcompat's details block), not from the problem: a
 * duplicate cluster seldom exceeds five reports, so a line that a cluster shares survives.
 */
export const TEMPLATE_MIN_REPORTS = 6;

const lineKey = (line: string): string => line.trim().toLowerCase();

/** The lines (trimmed, lower-cased) that at least `minReports` of the texts contain. */
export const templateLines = (texts: readonly string[], minReports: number = TEMPLATE_MIN_REPORTS): Set<string> => {
  const reports = new Map<string, number>();
  for (const text of texts) {
    for (const key of new Set(text.split('\n').map(lineKey))) {
      if (key) reports.set(key, (reports.get(key) ?? 0) + 1);
    }
  }
  return new Set([...reports].filter(([, count]) => count >= minReports).map(([key]) => key));
};

/** The text without its template lines; the first line, the title, always stays. */
export const withoutTemplateLines = (text: string, templates: ReadonlySet<string>): string =>
  text
    .split('\n')
    .filter((line, i) => i === 0 || !templates.has(lineKey(line)))
    .join('\n');
