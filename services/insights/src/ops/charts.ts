import { html } from 'hono/html';

// Charts are drawn on the server as inline SVG: the page needs no script and no external asset.

export type Html = ReturnType<typeof html>;

export interface Bar {
  label: string;
  value: number;
  /** Text shown at the end of the bar, e.g. "312 · 62.4%". */
  caption: string;
  color: string;
  /** The tickets behind the bar, when they can be listed. */
  href?: string | undefined;
}

// Viewbox units are close to CSS pixels at the panel's usual width, so chart text matches the page's.
const BAR_WIDTH = 640;
const LABEL_WIDTH = 170;
const CAPTION_WIDTH = 110;
const ROW = 26;
const MAX_LABEL_CHARS = 22;

const clip = (label: string) => (label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label);

/** Horizontal bars scaled to the largest value, one labelled row each. */
export const barChart = (title: string, bars: Bar[]): Html => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const track = BAR_WIDTH - LABEL_WIDTH - CAPTION_WIDTH;
  // An image's content is hidden from assistive technology: bars that link make the chart a group of links.
  const role = bars.some((b) => b.href) ? 'group' : 'img';
  return html`<svg class="chart bars" viewBox="0 0 ${BAR_WIDTH} ${Math.max(1, bars.length) * ROW}" role="${role}" aria-label="${title}">
    ${bars.map((b, i) => {
      const y = i * ROW;
      const width = Math.max(b.value > 0 ? 2 : 0, (b.value / max) * track);
      const bar = html`<g data-bar="${b.label}">
        <title>${b.label}: ${b.caption}</title>
        <text x="${LABEL_WIDTH - 8}" y="${y + ROW / 2}" class="bar-label">${clip(b.label)}</text>
        <rect x="${LABEL_WIDTH}" y="${y + 5}" width="${track}" height="${ROW - 10}" rx="3" class="bar-track"/>
        <rect x="${LABEL_WIDTH}" y="${y + 5}" width="${width.toFixed(1)}" height="${ROW - 10}" rx="3" fill="${b.color}"/>
        <text x="${LABEL_WIDTH + track + 8}" y="${y + ROW / 2}" class="bar-caption">${b.caption}</text>
      </g>`;
      return b.href ? html`<a href="${b.href}" aria-label="${b.label}: ${b.caption}, list the tickets">${bar}</a>` : bar;
    })}
  </svg>`;
};

export interface Series {
  name: string;
  color: string;
  points: number[];
}

const LINE = { width: 1320, height: 220, left: 34, right: 10, top: 10, bottom: 24 };

/** A y axis top at or above `max` whose half is a whole number too, so gridlines label counts. */
const niceCeiling = (max: number): number => {
  for (let magnitude = 1; ; magnitude *= 10) {
    const top = [2, 4, 6, 8, 10].map((m) => m * magnitude).find((n) => n >= max);
    if (top !== undefined) return top;
  }
};

/**
 * Lines over evenly spaced x positions; `xLabels` has one label per point, a few are shown. `width`
 * is in the panel's pixels: a narrower chart keeps its labels readable where it is drawn smaller.
 */
export const lineChart = (title: string, series: Series[], xLabels: string[], width = LINE.width): Html => {
  const n = Math.max(2, xLabels.length);
  const top = niceCeiling(Math.max(0, ...series.flatMap((s) => s.points)));
  const plotW = width - LINE.left - LINE.right;
  const plotH = LINE.height - LINE.top - LINE.bottom;
  const x = (i: number) => LINE.left + (i / (n - 1)) * plotW;
  const y = (v: number) => LINE.top + plotH - (v / top) * plotH;
  const ticks = [0, top / 2, top];
  const shownX = [0, Math.floor((n - 1) / 4), Math.floor((n - 1) / 2), Math.floor((3 * (n - 1)) / 4), n - 1];
  return html`<svg class="chart" viewBox="0 0 ${width} ${LINE.height}" role="img" aria-label="${title}">
    ${ticks.map(
      (t) => html`<line x1="${LINE.left}" x2="${width - LINE.right}" y1="${y(t)}" y2="${y(t)}" class="grid"/>
      <text x="${LINE.left - 6}" y="${y(t)}" class="axis-y">${t}</text>`,
    )}
    ${[...new Set(shownX)].map((i) => html`<text x="${x(i)}" y="${LINE.height - 6}" class="axis-x" text-anchor="${i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}">${xLabels[i] ?? ''}</text>`)}
    ${series.map(
      (s) => html`<polyline data-series="${s.name}" fill="none" stroke="${s.color}" stroke-width="2" stroke-linejoin="round"
      points="${s.points.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`,
    )}
  </svg>`;
};
