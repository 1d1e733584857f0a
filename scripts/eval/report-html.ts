import type { ClassificationResult } from './classify.ts';
import type { RetrievalResult } from './retrieve.ts';

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** A self-contained page (inline CSS and SVG, no external assets). */
export function classificationHtml(r: ClassificationResult): string {
  const summary: [string, string][] = [
    ['Mode', `${r.mode}${r.embedder ? ` (${r.embedder})` : ''}`],
    ['Train / test texts', `${r.trainExamples} / ${r.testExamples}`],
    ['Accuracy', percent(r.accuracy)],
    ['Macro-F1', percent(r.macroF1)],
    ['ECE (15 bins)', r.ece.toFixed(3)],
    ...r.accuracyAtCoverage.map(({ coverage, accuracy }): [string, string] => [
      `Accuracy at ${percent(coverage)} coverage`,
      percent(accuracy),
    ]),
    [
      'Abstention',
      `threshold ${r.abstention.threshold.toFixed(3)}: ${percent(r.abstention.coverage)} answered at ${percent(r.abstention.precision)} precision`,
    ],
    ...(r.outOfScope
      ? [
          [
            'Out of scope',
            `precision ${percent(r.outOfScope.precision)}, recall ${percent(r.outOfScope.recall)}, AUROC ${r.outOfScope.auroc.toFixed(3)}`,
          ] as [string, string],
        ]
      : []),
    ['Training time', `${r.timing.trainSeconds.toFixed(1)} s`],
    ['Throughput', `${r.timing.testTextsPerSecond.toFixed(0)} texts/s`],
  ];
  const classRows = [...r.perClass]
    .sort((a, b) => a.f1 - b.f1)
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.label)}</td><td>${percent(c.precision)}</td><td>${percent(c.recall)}</td><td>${percent(c.f1)}</td><td>${c.support}</td></tr>`,
    );
  return page(`Classification: ${escapeHtml(r.testFile)}`, [
    table(
      ['Metric', 'Value'],
      summary.map(([name, value]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(value)}</td></tr>`),
    ),
    '<div class="charts">',
    figure('Reliability diagram', reliabilitySvg(r)),
    figure('Accuracy vs coverage', coverageSvg(r)),
    '</div>',
    figure('Confusion matrix (row-normalised; hover a cell for counts)', confusionSvg(r)),
    '<h2>Per class (worst F1 first)</h2>',
    table(['Category', 'Precision', 'Recall', 'F1', 'Support'], classRows),
  ]);
}

export function retrievalHtml(r: RetrievalResult): string {
  const rows = r.retrievers.map(
    (row) =>
      `<tr><td>${escapeHtml(row.name)}</td><td>${row.hitAt1.toFixed(3)}</td><td>${row.hitAt3.toFixed(3)}</td><td>${row.recallAt3.toFixed(3)}</td>` +
      `<td>${row.mrrAt10.toFixed(3)}</td><td>${row.answerableAuroc === undefined ? 'n/a' : row.answerableAuroc.toFixed(3)}</td></tr>`,
  );
  return page(`Retrieval: ${escapeHtml(r.queriesFile)}`, [
    `<p>${r.articles} articles, ${r.chunks} chunks, embedder ${escapeHtml(r.embedder)}; ${r.answerableQueries} answerable and ${r.unanswerableQueries} unanswerable queries.</p>`,
    table(['Retriever', 'Hit@1', 'Hit@3', 'Recall@3', 'MRR@10', 'Answerable AUROC'], rows),
    '<p>Hit@k: a relevant article in the top k. Recall@k: share of the relevant articles in the top k.</p>',
  ]);
}

const PLOT = 280;
const MARGIN = 36;

/** Axes from 0 to 1; `yValue` maps a y position in [0, 1] to the value its tick shows. */
function axes(xLabel: string, yLabel: string, yValue: (t: number) => number = (t) => t): string {
  const end = MARGIN + PLOT;
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => {
      const x = MARGIN + t * PLOT;
      const y = end - t * PLOT;
      return `<text x="${x}" y="${end + 14}" text-anchor="middle">${t}</text><text x="${MARGIN - 4}" y="${y + 4}" text-anchor="end">${+yValue(t).toFixed(3)}</text>`;
    })
    .join('');
  return (
    `<line x1="${MARGIN}" y1="${end}" x2="${end}" y2="${end}" class="axis"/><line x1="${MARGIN}" y1="${MARGIN}" x2="${MARGIN}" y2="${end}" class="axis"/>${ticks}` +
    `<text x="${MARGIN + PLOT / 2}" y="${end + 30}" text-anchor="middle">${xLabel}</text>` +
    `<text transform="translate(10 ${MARGIN + PLOT / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>`
  );
}

function reliabilitySvg(r: ClassificationResult): string {
  const end = MARGIN + PLOT;
  const bars = r.reliability
    .filter((bin) => bin.count > 0)
    .map((bin) => {
      const x = MARGIN + bin.lower * PLOT;
      const height = bin.accuracy * PLOT;
      return `<rect x="${x + 1}" y="${end - height}" width="${(bin.upper - bin.lower) * PLOT - 2}" height="${height}" class="bar"><title>confidence ${bin.lower.toFixed(2)}-${bin.upper.toFixed(2)}: ${bin.count} texts, accuracy ${percent(bin.accuracy)}, mean confidence ${percent(bin.confidence)}</title></rect>`;
    })
    .join('');
  return svg(`${axes('confidence', 'accuracy')}${bars}<line x1="${MARGIN}" y1="${end}" x2="${end}" y2="${MARGIN}" class="ideal"/>`);
}

function coverageSvg(r: ClassificationResult): string {
  const end = MARGIN + PLOT;
  const low = Math.min(...r.coverageCurve.map((p) => p.accuracy), 1);
  // The accuracy axis starts at the lowest accuracy on the curve, so the shape is visible.
  const floor = Math.max(0, Math.floor(low * 20) / 20);
  const y = (accuracy: number) => end - ((accuracy - floor) / (1 - floor || 1)) * PLOT;
  const path = r.coverageCurve
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${(MARGIN + p.coverage * PLOT).toFixed(1)},${y(p.accuracy).toFixed(1)}`)
    .join('');
  return svg(`${axes('coverage', 'accuracy', (t) => floor + t * (1 - floor))}<path d="${path}" class="curve"/>`);
}

function confusionSvg(r: ClassificationResult): string {
  const { labels, counts } = r.confusion;
  const cell = Math.max(6, Math.min(16, Math.floor(720 / labels.length)));
  const labelWidth = 220;
  const size = labels.length * cell;
  const cells: string[] = [];
  counts.forEach((row, a) => {
    const total = row.reduce((sum, n) => sum + n, 0) || 1;
    row.forEach((count, p) => {
      if (count === 0) return;
      const share = count / total;
      const hue = a === p ? 140 : 0;
      cells.push(
        `<rect x="${labelWidth + p * cell}" y="${labelWidth + a * cell}" width="${cell}" height="${cell}" fill="hsl(${hue} 70% ${(95 - share * 60).toFixed(0)}%)"><title>${escapeHtml(labels[a]!)} -> ${escapeHtml(labels[p]!)}: ${count} (${percent(share)} of the row)</title></rect>`,
      );
    });
  });
  const font = Math.max(5, cell - 2);
  const names = labels
    .map(
      (label, i) =>
        `<text x="${labelWidth - 4}" y="${labelWidth + i * cell + cell - 2}" text-anchor="end" font-size="${font}">${escapeHtml(label)}</text>` +
        `<text transform="translate(${labelWidth + i * cell + cell - 2} ${labelWidth - 4}) rotate(-90)" font-size="${font}">${escapeHtml(label)}</text>`,
    )
    .join('');
  const frame = `<rect x="${labelWidth}" y="${labelWidth}" width="${size}" height="${size}" class="frame"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + size + 10}" height="${labelWidth + size + 10}">${frame}${cells.join('')}${names}</svg>`;
}

function svg(body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PLOT + MARGIN * 2}" height="${PLOT + MARGIN * 2}">${body}</svg>`;
}

function figure(caption: string, content: string): string {
  return `<figure>${content}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

export function table(headers: string[], rows: string[]): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function page(title: string, parts: string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
th { background: #f4f4f4; }
.charts { display: flex; gap: 2rem; flex-wrap: wrap; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; }
svg text { font-size: 10px; fill: #333; }
.axis { stroke: #333; }
.ideal { stroke: #999; stroke-dasharray: 4 3; }
.bar { fill: #4a7ebb; opacity: 0.8; }
.curve { fill: none; stroke: #c0392b; stroke-width: 2; }
.frame { fill: none; stroke: #ccc; }
</style></head>
<body><h1>${title}</h1>
${parts.join('\n')}
</body></html>
`;
}
