import { DUPLICATE_SIGNALS } from '@triage/ml';
import type { DuplicateScores, DuplicatesResult } from './duplicates.ts';
import { escapeHtml, page, table } from './report-html.ts';

const rows = (r: DuplicatesResult): [string, DuplicateScores][] => [
  ['fused, default weights', r],
  [`tuned, leave one cluster out`, r.tuned.crossValidated],
  ['tuned on all queries (optimistic)', r.tuned.inSample],
  ...r.signals.map(({ signal, ...scores }): [string, DuplicateScores] => [`${signal} alone`, scores]),
];

const weights = (w: DuplicatesResult['weights']) => DUPLICATE_SIGNALS.map((signal) => `${signal} ${w[signal]}`).join(', ');

const summary = (r: DuplicatesResult) =>
  `${r.reports} reports, ${r.pairs} duplicate pairs: ${r.queries} queries in ${r.clusters} clusters, each ranking the other reports (embedder ${r.embedder})`;

export const formatDuplicates = (r: DuplicatesResult): string =>
  [
    `duplicates: ${summary(r)}`,
    `  ${'scorer'.padEnd(34)}  hit@1   hit@5  MRR@10`,
    ...rows(r).map(
      ([name, s]) =>
        `  ${name.padEnd(34)} ${[s.hitAt1, s.hitAt5].map((v) => v.toFixed(3).padStart(6)).join('  ')}  ${s.mrrAt10.toFixed(3).padStart(6)}`,
    ),
    `  default weights: ${weights(r.weights)}; tuned on all queries: ${weights(r.tuned.weights)} (${r.tuned.settings} settings searched)`,
    `  embedding ${r.timing.embedSeconds.toFixed(1)} s; ${r.timing.queriesPerSecond.toFixed(1)} queries/s over ${r.reports - 1} candidates`,
  ].join('\n');

export const duplicatesHtml = (r: DuplicatesResult): string =>
  page(`Duplicates: ${escapeHtml(r.pairsFile)}`, [
    `<p>${escapeHtml(summary(r))}.</p>`,
    table(
      ['Scorer', 'Hit@1', 'Hit@5', 'MRR@10'],
      rows(r).map(
        ([name, s]) =>
          `<tr><td>${escapeHtml(name)}</td><td>${s.hitAt1.toFixed(3)}</td><td>${s.hitAt5.toFixed(3)}</td><td>${s.mrrAt10.toFixed(3)}</td></tr>`,
      ),
    ),
    `<p>Default weights: ${escapeHtml(weights(r.weights))}. Tuned on all queries: ${escapeHtml(weights(r.tuned.weights))}.</p>`,
    '<p>Hit@k: a known duplicate in the top k. Tuning holds out one cluster of linked reports at a time and picks the weights with the best MRR@10 on the rest.</p>',
  ]);
