import { html } from 'hono/html';
import type { Share, StageLatency, SupportSummary } from '@triage/metrics';
import { barChart, lineChart, type Bar, type Html } from './charts.ts';
import { clock, count, percent, seconds } from './format.ts';
import { isMeasured } from './measured-panels.ts';

const TIER_NAMES = ['Tier 0 · self-service', 'Tier 1 · service desk', 'Tier 2 · specialists', 'Tier 3 · engineering'];
const TIER_COLORS = ['#9cc0f5', '#5b93ea', '#2f6fde', '#1b3f86'];
const PRIORITY_COLORS: Record<string, string> = { P1: '#d2423b', P2: '#e8893a', P3: '#2f6fde', P4: '#98a2b3' };
const DEFLECTION_COLOR = '#1f9d6a';
const ESCALATION_COLOR = '#d2423b';
const CATEGORY_COLOR = '#5b93ea';
const OTHER_COLOR = '#b4bccb';
const TOP_CATEGORIES = 8;

const panel = (title: Html | string, body: Html, wide = false) =>
  html`<section class="panel${wide ? ' wide' : ''}"><h2>${title}</h2>${body}</section>`;

// An SVG fill, like the charts' own: the page's CSP refuses style attributes.
const swatch = (color: string) =>
  html`<svg viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" rx="2" fill="${color}"/></svg>`;

const shareCaption = (s: Share<string | number>) => `${count(s.count)} · ${percent(s.share)}`;

/** The largest categories, and the rest summed into one grey bar so the chart stays readable. */
const categoryBars = (categories: Share[]): Bar[] => {
  const bar = (c: Share, color: string): Bar => ({ label: c.key, value: c.count, caption: shareCaption(c), color });
  const top = categories.slice(0, TOP_CATEGORIES).map((c) => bar(c, CATEGORY_COLOR));
  const rest = categories.slice(TOP_CATEGORIES);
  if (rest.length === 0) return top;
  const other = { key: `${rest.length} other`, count: 0, share: 0 };
  for (const c of rest) {
    other.count += c.count;
    other.share += c.share;
  }
  return [...top, bar(other, OTHER_COLOR)];
};

const latencyRows = (heading: string, stages: StageLatency[]) => html`
  <tr class="group"><td colspan="5">${heading}</td></tr>
  ${
    stages.length
      ? stages.map(
          (s) =>
            html`<tr data-stage="${s.stage}"><td>${s.stage}</td><td class="num">${seconds(s.p50)}</td><td class="num">${seconds(s.p95)}</td><td class="num">${seconds(s.p99)}</td><td class="num">${count(s.count)}</td></tr>`,
        )
      : html`<tr><td colspan="5" class="empty">No data in this process yet.</td></tr>`
  }`;

/** Where Triage routed: a prediction of who will solve each ticket until the helpdesk reports who did. */
export const tierPanel = (s: SupportSummary) =>
  panel(
    isMeasured(s) ? 'Routed by tier' : html`Escalation by tier <small>predicted</small>`,
    barChart(
      'Escalation by tier',
      s.escalationByTier.map((t) => ({ label: TIER_NAMES[t.key]!, value: t.count, caption: shareCaption(t), color: TIER_COLORS[t.key]! })),
    ),
  );

export const priorityPanel = (s: SupportSummary) =>
  panel(
    'Priority mix',
    barChart(
      'Priority mix',
      s.priorities.map((p) => ({ label: p.key, value: p.count, caption: shareCaption(p), color: PRIORITY_COLORS[p.key]! })),
    ),
  );

export const categoryPanel = (s: SupportSummary) =>
  panel(
    'Category mix',
    s.categories.length ? barChart('Category mix', categoryBars(s.categories)) : html`<p class="empty">No tickets routed yet.</p>`,
  );

export const timelinePanel = (s: SupportSummary) => {
  const series = [
    { name: 'deflections', color: DEFLECTION_COLOR, points: s.timeline.map((m) => m.deflections) },
    { name: 'escalations', color: ESCALATION_COLOR, points: s.timeline.map((m) => m.escalations) },
  ];
  const title = html`Deflections and escalations per minute <small>last ${s.timeline.length} min, UTC</small>
    <span class="legend">${series.map((l) => html`<span>${swatch(l.color)}${l.name}</span>`)}</span>`;
  return panel(
    title,
    lineChart(
      'Deflections and escalations per minute',
      series,
      s.timeline.map((m) => clock(m.minute)),
    ),
    true,
  );
};

export const latencyPanel = (s: SupportSummary) =>
  panel(
    'Latency per stage',
    html`<table>
      <thead><tr><th>Stage</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">Events</th></tr></thead>
      <tbody>
        ${latencyRows('Ticket age when the stage emitted (this tenant)', s.latency.age)}
        ${latencyRows('Processing time per event (all tenants, estimated from histogram buckets)', s.latency.processing)}
      </tbody>
    </table>`,
  );

export const articlesPanel = (s: SupportSummary) =>
  panel(
    'Most helpful articles',
    s.articles.length
      ? html`<table>
        <thead><tr><th>Article</th><th class="num">Resolved</th><th class="num">Not resolved</th><th class="num">Helpful</th></tr></thead>
        <tbody>${s.articles.map((a) => html`<tr data-article="${a.articleId}"><td>${a.title}</td><td class="num">${count(a.resolved)}</td><td class="num">${count(a.unresolved)}</td><td class="num">${percent(a.helpfulness)}</td></tr>`)}</tbody>
      </table>`
      : html`<p class="empty">No deflection feedback yet.</p>`,
    true,
  );
