import type { ClassificationResult } from './classify.ts';
import type { RetrievalResult } from './retrieve.ts';

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
export const fixed = (value: number, digits = 3) => (Number.isNaN(value) ? 'n/a' : value.toFixed(digits));

export function formatClassification(r: ClassificationResult): string {
  const lines = [
    `classifier ${r.mode}${r.embedder ? ` (embedder ${r.embedder})` : ''}: trained on ${r.trainExamples} texts, tested on ${r.testExamples} in-scope texts`,
    `  accuracy          ${percent(r.accuracy)}`,
    `  macro-F1          ${percent(r.macroF1)}`,
    `  ECE (15 bins)     ${fixed(r.ece)}   (temperature ${fixed(r.temperature, 2)})`,
    ...r.accuracyAtCoverage.map(({ coverage, accuracy }) => `  accuracy @ ${percent(coverage).padEnd(6)} coverage  ${percent(accuracy)}`),
    `  abstention        threshold ${fixed(r.abstention.threshold)} (held-out precision target ${percent(r.abstention.targetPrecision)}, ` +
      `floor ${fixed(r.abstention.minConfidence, 2)}): ` +
      `answers ${percent(r.abstention.coverage)} of test texts at ${percent(r.abstention.precision)} precision`,
  ];
  if (r.outOfScope) {
    const o = r.outOfScope;
    lines.push(
      `  out of scope      ${o.rows} "${o.label}" rows: precision ${percent(o.precision)}, recall ${percent(o.recall)}, AUROC ${fixed(o.auroc)}`,
    );
  }
  lines.push(
    `  training          ${r.timing.trainSeconds.toFixed(1)} s (+ ${r.timing.embedTrainSeconds.toFixed(1)} s embedding); ` +
      `C ${Object.entries(r.training.heads)
        .map(([head, report]) => `${head}=${report.c}`)
        .join(', ')}; held-out accuracy ${percent(r.training.holdoutAccuracy)}`,
    `  throughput        ${r.timing.testTextsPerSecond.toFixed(0)} texts/s (embed + classify, batched)`,
    '  worst confusions (actual -> predicted: count)',
    ...r.worstConfusions.map((c) => `    ${c.actual} -> ${c.predicted}: ${c.count}`),
  );
  return lines.join('\n');
}

export function formatRetrieval(r: RetrievalResult): string {
  const showAuroc = r.unanswerableQueries > 0;
  const header = `  ${'retriever'.padEnd(18)}    hit@1     hit@3  recall@3  MRR@10${showAuroc ? '  answerable AUROC' : ''}`;
  return [
    `retrieval over ${r.articles} articles (${r.chunks} chunks, embedder ${r.embedder}): ${r.answerableQueries} answerable` +
      `${showAuroc ? `, ${r.unanswerableQueries} unanswerable` : ''} queries`,
    header,
    ...r.retrievers.map(
      (row) =>
        `  ${row.name.padEnd(18)} ${[row.hitAt1, row.hitAt3, row.recallAt3].map((v) => fixed(v).padStart(8)).join('  ')}  ${fixed(row.mrrAt10).padStart(6)}` +
        (showAuroc ? `  ${fixed(row.answerableAuroc ?? Number.NaN).padStart(16)}` : ''),
    ),
    '  hit@k: a relevant article in the top k; recall@k: share of the relevant articles in the top k',
    ...(r.answerability
      ? [
          `  answerable probability (RRF evidence score, fitted on ${r.answerability.fittedOn} queries): slope ${fixed(r.answerability.slope, 2)}, ` +
            `intercept ${fixed(r.answerability.intercept, 2)}; other half AUROC ${fixed(r.answerability.heldOutAuroc)}, Brier ${fixed(r.answerability.heldOutBrier)}`,
        ]
      : []),
    `  indexing ${r.timing.indexSeconds.toFixed(1)} s; ${r.timing.queriesPerSecond.toFixed(0)} searches/s`,
  ].join('\n');
}
