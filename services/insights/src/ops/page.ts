import { html, raw } from 'hono/html';
import type { SupportSummary } from '@triage/metrics';
import type { Html } from './charts.ts';
import { count, percent } from './format.ts';
import { isMeasured, measuredPanels } from './measured-panels.ts';
import { articlesPanel, categoryPanel, latencyPanel, priorityPanel, tierPanel, timelinePanel } from './panels.ts';
import { rangePath } from './drill-links.ts';
import { RANGE_LABELS, RANGES, type RangeName } from './period.ts';
import {
  channelPanel,
  incidentsPanel,
  type PeriodView,
  periodBacklogPanel,
  periodKpis,
  problemsPanel,
  trendPanel,
} from './period-panels.ts';
import type { ProblemRecord } from '@triage/contracts';
import type { ProblemView } from '@triage/store';
import { styleTag } from './styles.ts';

const REFRESH_SECONDS = 30;

type Tone = 'warn' | 'bad' | '';

const kpi = (id: string, title: string, value: string, detail: string, tone: Tone = '') =>
  html`<div class="kpi ${tone}" data-kpi="${id}"><h2>${title}</h2><div class="value">${value}</div><div class="detail">${detail}</div></div>`;

// Until the helpdesk reports first responses, every routed ticket counts as still waiting for one.
const slaBasis = (s: SupportSummary) => (isMeasured(s) ? 'measured' : 'predicted');

const kpis = (s: SupportSummary) => html`<section class="kpis">
  ${kpi('routed', 'Tickets routed', count(s.ticketsRouted), `${count(s.escalationByTier[0]?.count ?? 0)} to self-service`)}
  ${kpi('deflection', 'Deflection rate', percent(s.deflection.rate, s.deflection.of), `${count(s.deflection.count)} deflected of ${count(s.deflection.of)} demand`)}
  ${kpi('sla-at-risk', 'SLA at risk', count(s.sla.atRisk), `${slaBasis(s)}: unanswered, due soon`, s.sla.atRisk ? 'warn' : '')}
  ${kpi('sla-breached', 'SLA breached', count(s.sla.breached), `${slaBasis(s)}: unanswered, of ${count(s.sla.tracked)} recent`, s.sla.breached ? 'bad' : '')}
  ${kpi('abstention', 'Abstention rate', percent(s.abstention.rate, s.abstention.of), `${count(s.abstention.count)} of ${count(s.abstention.of)} to needs-triage`)}
  ${kpi('kb-hit', 'KB hit rate', percent(s.kbHit.rate, s.kbHit.of), `${count(s.kbHit.count)} of ${count(s.kbHit.of)} self-servable`)}
</section>`;

const tenantPicker = (tenant: string, tenants: string[] | undefined, range: RangeName) =>
  tenants === undefined
    ? ''
    : html`<form method="get" action="/ops">
  <input type="hidden" name="range" value="${range}">
  <label for="tenant">Tenant</label>
  ${
    tenants.length
      ? html`<select id="tenant" name="tenant">${[...new Set([tenant, ...tenants])].sort().map((t) => html`<option${raw(t === tenant ? ' selected' : '')}>${t}</option>`)}</select>`
      : html`<input id="tenant" name="tenant" value="${tenant}" size="16">`
  }
  <button type="submit">Show</button>
</form>`;

const rangePicker = (tenant: string, range: RangeName) => html`<nav class="ranges" aria-label="Period">
  ${(Object.keys(RANGES) as RangeName[]).map(
    (r) => html`<a href="${rangePath(tenant, r)}"${raw(r === range ? ' aria-current="page"' : '')}>${RANGE_LABELS[r]}</a>`,
  )}
</nav>`;

/** The period's figures from the stored tickets: headline numbers, trends, channels, backlog, incidents, problems. */
const periodSection = ({ view, problems }: { view: PeriodView; problems: ProblemView<ProblemRecord>[] }) => html`
  <h2 class="section">${RANGE_LABELS[view.history.period.range]} <small>from the stored tickets${view.history.truncated ? ', the newest 20,000 only' : ''}</small></h2>
  ${periodKpis(view)}
  <div class="grid">
    ${trendPanel(view)}
    ${channelPanel(view)}
    ${periodBacklogPanel(view)}
    ${incidentsPanel(view)}
    ${problemsPanel(view, problems)}
  </div>
  <h2 class="section">Live <small>since this process started</small></h2>`;

// A refresh the reader can stop (a wallboard keeps it on): a meta refresh could not be turned off.
const refreshScript = (nonce: string | undefined) => html`<script nonce="${nonce}">
const box = document.getElementById('auto-refresh');
box.checked = localStorage.getItem('triage-ops-refresh') !== 'off';
box.addEventListener('change', () => localStorage.setItem('triage-ops-refresh', box.checked ? 'on' : 'off'));
setInterval(() => { if (box.checked) location.reload(); }, ${REFRESH_SECONDS * 1000});
</script>`;

const signOut = html`<form class="sign-out" method="post" action="/ops/sign-out"><button type="submit">Sign out</button></form>`;

/**
 * The whole `/ops` page for one tenant: a self-contained HTML document. `tenants` is for an operator,
 * who may pick any; a tenant's own page offers no picker. `nonce` is the one the response's CSP names.
 */
export const opsPage = (
  s: SupportSummary,
  tenants: string[] | undefined,
  nonce: string | undefined,
  period?: { view: PeriodView; problems: ProblemView<ProblemRecord>[] },
): Html => {
  const range = period?.view.history.period.range ?? '7d';
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>Triage ops · ${s.tenantId}</title>
  ${styleTag(nonce)}
</head>
<body>
  <header>
    <h1>Triage operations <span>· ${s.tenantId}</span></h1>
    ${tenantPicker(s.tenantId, tenants, range)}
    ${period ? rangePicker(s.tenantId, range) : ''}
    <p class="meta">Updated <time datetime="${s.generatedAt}">${s.generatedAt.slice(11, 19)} UTC</time> ·
      <label><input type="checkbox" id="auto-refresh" checked> refresh every ${REFRESH_SECONDS} s</label> ·
      <a href="/ops/summary.json?tenant=${encodeURIComponent(s.tenantId)}">JSON</a></p>
    ${signOut}
  </header>
  <main>
  ${period ? periodSection(period) : ''}
  ${kpis(s)}
  <div class="grid">
    ${timelinePanel(s)}
    ${measuredPanels(s)}
    ${tierPanel(s)}
    ${priorityPanel(s)}
    ${categoryPanel(s)}
    ${latencyPanel(s)}
    ${articlesPanel(s)}
  </div>
  </main>
  ${refreshScript(nonce)}
</body>
</html>`;
};
