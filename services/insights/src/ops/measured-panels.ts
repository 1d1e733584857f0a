import { html } from 'hono/html';
import type { ClockPercentiles, MeasuredSummary, Rate, SupportSummary } from '@triage/metrics';
import { barChart, type Html } from './charts.ts';
import { count, percent, seconds } from './format.ts';

const TIER_NAMES = ['Tier 0', 'Tier 1', 'Tier 2', 'Tier 3'];
const MEASURED_COLOR = '#1f9d6a';
const BACKLOG_COLOR = '#5b93ea';
const SCORE_COLORS = ['#d2423b', '#e8893a', '#98a2b3', '#5b93ea', '#1f9d6a'];

/** Whether the lifecycle has reported for this tenant: until then Triage's routing figures are predictions. */
export const isMeasured = (s: SupportSummary): boolean => s.measured.since !== null;

/** `<date> UTC` of the first lifecycle report. */
const sinceNote = (m: MeasuredSummary) =>
  html`measured since <time datetime="${m.since}">${m.since?.slice(0, 16).replace('T', ' ')} UTC</time>`;

const panel = (id: string, title: string, note: Html | string, body: Html, wide = false) =>
  html`<section class="panel${wide ? ' wide' : ''}" data-panel="${id}"><h2>${title} <small>${note}</small></h2>${body}</section>`;

const rateRow = (id: string, label: string, r: Rate) =>
  html`<tr data-measure="${id}"><td>${label}</td><td class="num">${percent(r.rate, r.of)}</td><td class="num">${count(r.count)} of ${count(r.of)}</td></tr>`;

const clockRow = (id: string, label: string, c: ClockPercentiles) =>
  html`<tr data-measure="${id}"><td>${label}</td><td class="num">${c.wall.count ? `${seconds(c.wall.p50)} / ${seconds(c.wall.p90)}` : '—'}</td><td class="num">${c.business.count ? `${seconds(c.business.p50)} / ${seconds(c.business.p90)}` : '—'}</td></tr>`;

const outcomesPanel = (m: MeasuredSummary) =>
  panel(
    'outcomes',
    'Measured outcomes',
    html`${sinceNote(m)} · ${count(m.tickets)} tickets reported on`,
    html`<table>
      <thead><tr><th>Rate</th><th class="num">Value</th><th class="num">Tickets</th></tr></thead>
      <tbody>
        ${rateRow('fcr', 'First-contact resolution', m.firstContactResolution)}
        ${rateRow('sla-first-response', 'First response within SLA', m.sla.firstResponse)}
        ${rateRow('sla-resolution', 'Resolution within SLA', m.sla.resolution)}
        ${rateRow('reopen', 'Reopened', m.reopen)}
        ${rateRow('rework', 'Escalations sent back', m.escalation.rework)}
      </tbody>
    </table>
    <table>
      <thead><tr><th>Time (p50 / p90)</th><th class="num">Wall clock</th><th class="num">Business hours</th></tr></thead>
      <tbody>
        ${clockRow('ttfr', 'To first response', m.timeToFirstResponse)}
        ${clockRow('ttr', 'To resolution', m.timeToResolution)}
      </tbody>
    </table>`,
  );

const escalationPanel = (m: MeasuredSummary) =>
  panel(
    'escalation',
    'Escalated, by routed tier',
    sinceNote(m),
    html`${barChart(
      'Escalated, by routed tier',
      m.escalation.byTier.map((t) => ({
        label: TIER_NAMES[t.tier]!,
        value: t.rate * 100,
        caption: `${count(t.count)} of ${count(t.of)} · ${percent(t.rate, t.of)}`,
        color: MEASURED_COLOR,
      })),
    )}
    ${
      m.escalation.missingFields.length
        ? html`<table><thead><tr><th>Packet field missing when sent back</th><th class="num">Escalations</th></tr></thead>
          <tbody>${m.escalation.missingFields.map((f) => html`<tr data-field="${f.key}"><td>${f.key}</td><td class="num">${count(f.count)} · ${percent(f.share)}</td></tr>`)}</tbody></table>`
        : html`<p class="empty">No escalation sent back for a missing field.</p>`
    }`,
  );

const csatPanel = (m: MeasuredSummary) =>
  panel(
    'csat',
    'Customer satisfaction',
    html`${m.csat.count ? `average ${m.csat.average.toFixed(2)} of 5 · ` : ''}${sinceNote(m)}`,
    m.csat.count
      ? barChart(
          'Customer satisfaction',
          m.csat.distribution.map((d) => ({
            label: `${d.key} of 5`,
            value: d.count,
            caption: `${count(d.count)} · ${percent(d.share)}`,
            color: SCORE_COLORS[d.key - 1]!,
          })),
        )
      : html`<p class="empty">No satisfaction score given yet.</p>`,
  );

const backlogPanel = (s: SupportSummary) => {
  const { backlog } = s.measured;
  const bars = (title: string, shares: { key: string; count: number; share: number }[]) =>
    barChart(
      title,
      shares.map((b) => ({ label: b.key, value: b.count, caption: `${count(b.count)} · ${percent(b.share)}`, color: BACKLOG_COLOR })),
    );
  return panel(
    'backlog',
    'Backlog',
    html`${count(backlog.open)} open · ${sinceNote(s.measured)}`,
    backlog.open
      ? html`<h3>By queue</h3>${bars('Backlog by queue', backlog.byQueue)}
        <h3>By priority</h3>${bars('Backlog by priority', backlog.byPriority)}
        <h3>By age</h3>${bars('Backlog by age', backlog.byAge)}`
      : html`<p class="empty">No open tickets.</p>`,
  );
};

/** The panels of the measured figures, or one saying where they will come from. */
export const measuredPanels = (s: SupportSummary): Html =>
  isMeasured(s)
    ? html`${outcomesPanel(s.measured)}${escalationPanel(s.measured)}${backlogPanel(s)}${csatPanel(s.measured)}`
    : html`<section class="panel wide" data-panel="measured"><h2>Measured outcomes</h2>
      <p class="empty">First-contact resolution, response and resolution times, SLA compliance, reopens, satisfaction and the
      backlog appear here once the helpdesk reports what happens to its tickets (<code>POST /v1/tickets/{id}/events</code>).
      Until then the SLA and tier figures are Triage's predictions.</p></section>`;
