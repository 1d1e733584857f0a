import { UsageError } from '../cli/failures.ts';
import type { EmbedderChoice, EmbedderSettings } from './embedder.ts';
import { embedderFor } from './embedder.ts';
import { evaluateDuplicates } from './duplicates.ts';
import { readPairs, readReports } from './duplicates-files.ts';
import { duplicatesHtml, formatDuplicates } from './duplicates-report.ts';

/**
 * `--duplicates --reports F --pairs F`: ranks every other report for each report with a known
 * duplicate. The embedding stands in for the one the categorizer stores per ticket (`hashed`: hashed n-grams).
 */
export const duplicatesReport = async (values: Record<string, string | undefined>, choice: EmbedderChoice, settings: EmbedderSettings) => {
  const { reports: reportsFile, pairs: pairsFile } = values;
  if (reportsFile === undefined || pairsFile === undefined) throw new UsageError('--duplicates needs --reports and --pairs');
  const reports = await readReports(reportsFile);
  const pairs = await readPairs(pairsFile, new Set(reports.map((report) => report.id)));
  const result = await evaluateDuplicates(reports, pairs, await embedderFor(choice, settings), { reportsFile, pairsFile });
  return { result, text: formatDuplicates(result), html: () => duplicatesHtml(result) };
};
