import type { EscalationResult } from './escalation.ts';
import { HEADLINE } from './escalation.ts';
import { FALSE_ALARM_RATE } from './escalation-metrics.ts';
import { escapeHtml, page, table } from './report-html.ts';
import { fixed, percent } from './report-text.ts';

const LABELS: Record<(typeof HEADLINE)[number], string> = {
  macroF1: 'macro-F1',
  highAuroc: 'AUROC of P(high)',
  highRecallAt20Fpr: `recall of high at ${percent(FALSE_ALARM_RATE)} false alarms`,
  ece: 'ECE, top label (15 bins)',
  highEce: 'ECE of P(high) (15 bins)',
};

const headline = (r: EscalationResult): [string, string][] =>
  HEADLINE.map((metric) => [LABELS[metric], `${fixed(r[metric])}${r.spread ? ` ± ${fixed(r.spread[metric])}` : ''}`]);

export const formatEscalation = (r: EscalationResult): string => {
  const { labels, counts } = r.confusion;
  return [
    `escalation model${r.embedder ? ` (TF-IDF + ${r.embedder} embedding)` : ' (TF-IDF)'}: ${r.testFile}, ${r.tickets} tickets` +
      `${r.folds ? ' (mean ± standard deviation over folds)' : ''}`,
    ...headline(r).map(([name, value]) => `  ${name.padEnd(40)} ${value}`),
    '  per class           precision  recall     F1  support',
    ...r.perClass.map(
      (c) =>
        `    ${c.label.padEnd(16)} ${[c.precision, c.recall, c.f1].map((v) => fixed(v).padStart(9)).join('')} ${String(c.support).padStart(8)}`,
    ),
    `  confusion (rows actual, columns predicted: ${labels.join(', ')})`,
    ...counts.map((row, a) => `    ${labels[a]!.padEnd(8)} ${row.map((n) => String(n).padStart(6)).join('')}`),
    `  chosen C (high head) ${r.chosen.highC.join(', ')}; temperature ${r.chosen.highTemperature.map((t) => fixed(t, 2)).join(', ')}`,
    `  fitting ${r.timing.fitSeconds.toFixed(1)} s (+ ${r.timing.embedSeconds.toFixed(1)} s embedding)`,
  ].join('\n');
};

/** A self-contained page: the headline metrics, per-class scores, the confusion matrix and the folds. */
export const escalationHtml = (r: EscalationResult): string => {
  const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;
  const row = (cells: string[]) => `<tr>${cells.map(cell).join('')}</tr>`;
  return page(`Escalation: ${escapeHtml(r.testFile)}`, [
    `<p>${r.tickets} tickets; model TF-IDF${r.embedder ? ` + ${escapeHtml(r.embedder)} embedding` : ''}; trained on ${escapeHtml(r.trainFile)}.</p>`,
    table(
      ['Metric', r.folds ? 'Mean ± SD over folds' : 'Value'],
      headline(r).map(([name, value]) => row([name, value])),
    ),
    '<h2>Per class</h2>',
    table(
      ['Urgency', 'Precision', 'Recall', 'F1', 'Support'],
      r.perClass.map((c) => row([c.label, percent(c.precision), percent(c.recall), percent(c.f1), String(c.support)])),
    ),
    '<h2>Confusion matrix (rows actual, columns predicted)</h2>',
    table(
      ['', ...r.confusion.labels],
      r.confusion.counts.map((counts, a) => row([r.confusion.labels[a]!, ...counts.map(String)])),
    ),
    ...(r.folds
      ? [
          '<h2>Folds</h2>',
          table(
            ['Fold', ...HEADLINE.map((metric) => LABELS[metric])],
            r.folds.map((fold, f) => row([String(f + 1), ...HEADLINE.map((metric) => fixed(fold[metric]))])),
          ),
        ]
      : []),
  ]);
};
