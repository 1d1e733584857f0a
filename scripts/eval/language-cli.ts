import { InputError, parseCsv, readUtf8 } from '@triage/ml';
import { UsageError } from '../cli/failures.ts';
import { evaluateLanguage, type LanguageResult, type LanguageSample } from './language.ts';
import { escapeHtml, page, table } from './report-html.ts';

/** Labelled texts as CSV with `language` (ISO 639-1) and `text` columns; others are ignored. */
export const readLanguageSamples = async (file: string): Promise<LanguageSample[]> => {
  const [header, ...rows] = parseCsv(await readUtf8(file), file);
  if (!header) throw new InputError(file, undefined, 'the file is empty');
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const [language, text] = [names.indexOf('language'), names.indexOf('text')];
  if (language < 0 || text < 0)
    throw new InputError(file, header.line, `expected columns "language" and "text" (the header is: ${header.fields.join(',')})`);
  return rows.map(({ line, fields }) => {
    const code = fields[language]?.trim().toLowerCase() ?? '';
    if (!/^[a-z]{2,3}$/.test(code)) throw new InputError(file, line, `language must be an ISO 639-1 code such as "es", got "${code}"`);
    const sample = fields[text]?.trim() ?? '';
    if (!sample) throw new InputError(file, line, 'empty text');
    return { language: code, text: sample };
  });
};

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

const summary = (r: LanguageResult): string =>
  `${r.samples} texts in ${Object.keys(r.perLanguage).length} languages: accuracy ${pct(r.accuracy)}, macro-F1 ${r.macroF1.toFixed(3)}, ` +
  `${r.undetected} too short to tell; at confidence ≥ ${r.atConfidence.threshold}: ${pct(r.atConfidence.coverage)} of texts, ${pct(r.atConfidence.accuracy)} right; ` +
  `ECE ${r.ece.toFixed(3)}; ${r.microsecondsPerText.toFixed(0)} µs a text`;

const misses = (r: LanguageResult): string[] =>
  Object.entries(r.confusion).flatMap(([gold, row]) =>
    Object.entries(row)
      .filter(([guess]) => guess !== gold)
      .map(([guess, n]) => `${gold} → ${guess}: ${n}`),
  );

export const formatLanguage = (r: LanguageResult): string =>
  [
    `language: ${summary(r)}`,
    `  ${'language'.padEnd(8)}  precision  recall     F1  support`,
    ...Object.entries(r.perLanguage).map(
      ([language, s]) =>
        `  ${language.padEnd(8)}  ${[s.precision, s.recall, s.f1].map((v) => v.toFixed(3).padStart(9)).join('')}  ${String(s.support).padStart(7)}`,
    ),
    `  mean confidence: ${r.meanConfidence.right.toFixed(3)} when right, ${r.meanConfidence.wrong.toFixed(3)} when wrong`,
    `  mistakes: ${misses(r).join(', ') || 'none'}`,
  ].join('\n');

export const languageHtml = (r: LanguageResult): string =>
  page(`Language detection: ${escapeHtml(r.samplesFile)}`, [
    `<p>${escapeHtml(summary(r))}.</p>`,
    table(
      ['Language', 'Precision', 'Recall', 'F1', 'Support'],
      Object.entries(r.perLanguage).map(
        ([language, s]) =>
          `<tr><td>${escapeHtml(language)}</td><td>${s.precision.toFixed(3)}</td><td>${s.recall.toFixed(3)}</td><td>${s.f1.toFixed(3)}</td><td>${s.support}</td></tr>`,
      ),
    ),
    `<p>Mistakes (gold → detected): ${escapeHtml(misses(r).join(', ') || 'none')}.</p>`,
  ]);

/** `--language --samples F`: the detector the pipeline runs on every ticket and deflection question. */
export const languageReport = async (values: Record<string, string | undefined>) => {
  const file = values.samples;
  if (file === undefined) throw new UsageError('--language needs --samples (CSV with language,text)');
  const result = evaluateLanguage(await readLanguageSamples(file), file);
  return { result, text: formatLanguage(result), html: () => languageHtml(result) };
};
