import { html } from 'hono/html';
import type { ProblemRecord } from '@triage/contracts';
import type { ProblemView } from '@triage/store';
import { barChart, type Html, lineChart } from './charts.ts';
import { drillPath, ticketPath } from './drill-links.ts';
import { count, percent, seconds } from './format.ts';
import type { Count, DayFigures, Drill, OpsHistory } from './history.ts';

const VOLUME = [
  { name: 'received', label: 'Received', color: '#2f6fde' },
  { name: 'answered', label: 'First responses', color: '#e8893a' },
  { name: 'resolved', label: 'Resolved', color: '#1f9d6a' },
] as const;
const CHANNEL_COLOR = '#5b93ea';
/** Half the live chart's width: a week or a month of days needs less room than an hour of minutes. */
const TREND_WIDTH = 720;
const BACKLOG_COLOR = '#2f6fde';

export interface PeriodView {
  tenant: string;
  history: OpsHistory;
  now: number;
}

const panel = (id: string, title: Html | string, body: Html, wide = false) =>
  html`<section class="panel${wide ? ' wide' : ''}" data-panel="${id}"><h2>${title}</h2>${body}</section>`;

const swatch = (color: string) =>
  html`<svg viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" rx="2" fill="${color}"/></svg>`;

/** A number that lists the tickets behind it, or a plain zero. */
const drillNumber = (v: PeriodView, value: number, drill: Drill, text = count(value)) =>
  value ? html`<a href="${drillPath(v.tenant, v.history.period.range, drill)}">${text}</a>` : text;

const duration = (ms: number | undefined) => (ms === undefined ? '—' : seconds(ms / 1000));
const average = (csat: DayFigures['csat']) => (csat.count ? (csat.sum / csat.count).toFixed(2) : '—');

const kpi = (v: PeriodView, id: string, title: string, value: string, detail: Html | string, drill?: Drill) => {
  const body = html`<h2>${title}</h2><div class="value">${value}</div><div class="detail">${detail}</div>`;
  return drill
    ? html`<a class="kpi link" data-kpi="${id}" href="${drillPath(v.tenant, v.history.period.range, drill)}">${body}</a>`
    : html`<div class="kpi" data-kpi="${id}">${body}</div>`;
};

/** The period's headline figures; until the helpdesk reports, the times are the SLA targets, marked predicted. */
export const periodKpis = (v: PeriodView): Html => {
  const { total, measured, targets, backlog, tickets } = v.history;
  const majors = tickets.filter((t) => t.measures?.open && t.routing?.majorIncident).length;
  const basis = measured ? 'median, measured' : 'predicted: the SLA target';
  return html`<section class="kpis period" aria-label="The period's figures">
    ${kpi(v, 'received', 'Received', count(total.received), 'tickets in the period', { measure: 'received' })}
    ${kpi(v, 'fcr', 'First-contact resolution', measured ? percent(total.fcr / (total.resolved || 1), total.resolved) : '—', measured ? `${count(total.fcr)} of ${count(total.resolved)} resolved` : 'predicted: awaiting reports', { measure: 'fcr' })}
    ${kpi(v, 'ttfr', 'First response', duration(measured ? total.firstResponseP50Ms : targets.firstResponseP50Ms), basis, { measure: 'answered' })}
    ${kpi(v, 'ttr', 'Resolution', duration(measured ? total.resolutionP50Ms : targets.resolutionP50Ms), basis, { measure: 'resolved' })}
    ${kpi(v, 'reopened', 'Reopened', count(total.reopened), `of ${count(total.resolved)} resolved`, { measure: 'reopened' })}
    ${kpi(v, 'csat', 'Satisfaction', average(total.csat), total.csat.count ? `of 5, ${count(total.csat.count)} scores` : 'no score reported', { measure: 'csat' })}
    ${kpi(v, 'open', 'Open backlog', count(backlog.open), 'routed, not resolved', { measure: 'open' })}
    ${kpi(v, 'major', 'Major incidents', count(majors), 'open now', { measure: 'major' })}
  </section>`;
};

const dayRow = (v: PeriodView, d: DayFigures) => html`<tr data-day="${d.day}">
  <th scope="row">${d.day.slice(5)}</th>
  <td class="num">${drillNumber(v, d.received, { measure: 'received', day: d.day })}</td>
  <td class="num">${drillNumber(v, d.answered, { measure: 'answered', day: d.day })}</td>
  <td class="num">${drillNumber(v, d.resolved, { measure: 'resolved', day: d.day })}</td>
  <td class="num">${drillNumber(v, d.fcr, { measure: 'fcr', day: d.day }, d.resolved ? percent(d.fcr / d.resolved) : '—')}</td>
  <td class="num">${drillNumber(v, d.reopened, { measure: 'reopened', day: d.day })}</td>
  <td class="num">${drillNumber(v, d.csat.count, { measure: 'csat', day: d.day }, average(d.csat))}</td>
  <td class="num">${duration(d.firstResponseP50Ms)}</td>
  <td class="num">${duration(d.resolutionP50Ms)}</td>
</tr>`;

/** Volume per day as lines (bars for a single day), and every day's figures, each linking to its tickets. */
export const trendPanel = (v: PeriodView): Html => {
  const { days, period, measured } = v.history;
  const chart =
    days.length > 1
      ? lineChart(
          'Tickets received, answered and resolved per day',
          VOLUME.map((s) => ({ name: s.name, color: s.color, points: days.map((d) => d[s.name]) })),
          days.map((d) => d.day.slice(5)),
          TREND_WIDTH,
        )
      : barChart(
          'Tickets received, answered and resolved today',
          VOLUME.map((s) => ({ label: s.label, value: days[0]![s.name], caption: count(days[0]![s.name]), color: s.color })),
        );
  const title = html`Trends per day <small>${period.days[0]} to ${period.days.at(-1)} UTC${measured ? '' : ' · times predicted'}</small>
    <span class="legend">${VOLUME.map((s) => html`<span>${swatch(s.color)}${s.label}</span>`)}</span>`;
  return panel(
    'trends',
    title,
    html`<div class="trend-chart">${chart}</div>
    <div class="scroll"><table class="days">
      <caption class="visually-hidden">Figures per day; each number lists its tickets</caption>
      <thead><tr><th scope="col">Day</th><th scope="col" class="num">Received</th><th scope="col" class="num">First responses</th>
        <th scope="col" class="num">Resolved</th><th scope="col" class="num">First contact</th><th scope="col" class="num">Reopened</th>
        <th scope="col" class="num">CSAT</th><th scope="col" class="num">Response p50</th><th scope="col" class="num">Resolution p50</th></tr></thead>
      <tbody>${[...days].reverse().map((d) => dayRow(v, d))}</tbody>
    </table></div>`,
    true,
  );
};

const countBars = (v: PeriodView, title: string, counts: Count[], color: string, drill: (key: string) => Drill) => {
  const of = counts.reduce((sum, c) => sum + c.count, 0);
  return barChart(
    title,
    counts.map((c) => ({
      label: c.key,
      value: c.count,
      caption: `${count(c.count)} · ${percent(c.count / (of || 1), of)}`,
      color,
      href: c.count ? drillPath(v.tenant, v.history.period.range, drill(c.key)) : undefined,
    })),
  );
};

export const channelPanel = (v: PeriodView): Html =>
  panel(
    'channels',
    html`Channel mix <small>tickets received in the period</small>`,
    v.history.channels.length
      ? countBars(v, 'Channel mix', v.history.channels, CHANNEL_COLOR, (channel) => ({ measure: 'received', channel }))
      : html`<p class="empty">No ticket received in the period.</p>`,
  );

export const periodBacklogPanel = (v: PeriodView): Html => {
  const { backlog } = v.history;
  return panel(
    'period-backlog',
    html`Backlog by queue and age <small>${count(backlog.open)} open now</small>`,
    backlog.open
      ? html`<h3>By queue</h3>${countBars(v, 'Open tickets by queue', backlog.byQueue, BACKLOG_COLOR, (queue) => ({ measure: 'open', queue }))}
        <h3>By age since received</h3>${countBars(v, 'Open tickets by age', backlog.byAge, BACKLOG_COLOR, (age) => ({ measure: 'open', age: age as Drill['age'] }))}`
      : html`<p class="empty">No open tickets.</p>`,
  );
};

const age = (v: PeriodView, receivedAt: number) => seconds((v.now - receivedAt) / 1000);

export const incidentsPanel = (v: PeriodView): Html => {
  const open = v.history.tickets.filter((t) => t.measures?.open && t.routing?.majorIncident);
  return panel(
    'incidents',
    html`Open major incidents <small>${count(open.length)}</small>`,
    open.length
      ? html`<div class="scroll"><table>
        <thead><tr><th scope="col">Ticket</th><th scope="col">Queue</th><th scope="col">Priority</th><th scope="col" class="num">Open for</th></tr></thead>
        <tbody>${open.map(
          (t) =>
            html`<tr data-incident="${t.ticket.id}"><td><a href="${ticketPath(v.tenant, t.ticket.id)}">${t.ticket.subject}</a></td><td>${t.measures!.queue}</td><td>${t.measures!.priority}</td><td class="num">${age(v, t.receivedAt)}</td></tr>`,
        )}</tbody></table></div>`
      : html`<p class="empty">No open major incident.</p>`,
  );
};

const MEMBERS_SHOWN = 5;

export const problemsPanel = (v: PeriodView, problems: ProblemView<ProblemRecord>[]): Html =>
  panel(
    'problems',
    html`Open problems <small>${count(problems.length)}</small>`,
    problems.length
      ? html`<div class="scroll"><table>
        <thead><tr><th scope="col">Problem</th><th scope="col" class="num">Tickets</th><th scope="col" class="num">Customers</th><th scope="col">Tickets behind it</th></tr></thead>
        <tbody>${problems.map(
          (p) =>
            html`<tr data-problem="${p.id}"><td>${p.record.title} <small>${p.record.productArea}</small></td><td class="num">${count(p.record.ticketCount)}</td><td class="num">${count(p.record.affectedCustomers.count)}</td>
            <td>${p.members.slice(0, MEMBERS_SHOWN).map((m, i) => html`${i ? ', ' : ''}<a href="${ticketPath(v.tenant, m.ticketId)}">${m.subject}</a>`)}${p.members.length > MEMBERS_SHOWN ? ` and ${p.members.length - MEMBERS_SHOWN} more` : ''}</td></tr>`,
        )}</tbody></table></div>`
      : html`<p class="empty">No open problem.</p>`,
    true,
  );
