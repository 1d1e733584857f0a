import { html, raw } from 'hono/html';
import type { SupportSummary } from '@triage/metrics';
import type { Html } from './charts.ts';
import { count, percent } from './format.ts';
import { isMeasured, measuredPanels } from './measured-panels.ts';
import { articlesPanel, categoryPanel, latencyPanel, priorityPanel, tierPanel, timelinePanel } from './panels.ts';
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

const tenantPicker = (tenant: string, tenants: string[] | undefined) =>
  tenants === undefined
    ? ''
    : html`<form method="get" action="/ops">
  <label for="tenant">Tenant</label>
  ${
    tenants.length
      ? html`<select id="tenant" name="tenant">${[...new Set([tenant, ...tenants])].sort().map((t) => html`<option${raw(t === tenant ? ' selected' : '')}>${t}</option>`)}</select>`
      : html`<input id="tenant" name="tenant" value="${tenant}" size="16">`
  }
  <button type="submit">Show</button>
</form>`;

const signOut = html`<form class="sign-out" method="post" action="/ops/sign-out"><button type="submit">Sign out</button></form>`;

/**
 * The whole `/ops` page for one tenant: a self-contained HTML document. `tenants` is for an operator,
 * who may pick any; a tenant's own page offers no picker. `nonce` is the one the response's CSP names.
 */
export const opsPage = (s: SupportSummary, tenants: string[] | undefined, nonce: string | undefined): Html => html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="refresh" content="${REFRESH_SECONDS}">
  <title>Triage ops · ${s.tenantId}</title>
  ${styleTag(nonce)}
</head>
<body>
  <header>
    <h1>Triage operations <span>· ${s.tenantId}</span></h1>
    ${tenantPicker(s.tenantId, tenants)}
    <p class="meta">Updated <time datetime="${s.generatedAt}">${s.generatedAt.slice(11, 19)} UTC</time> · refreshes every ${REFRESH_SECONDS} s ·
      <a href="/ops/summary.json?tenant=${encodeURIComponent(s.tenantId)}">JSON</a></p>
    ${signOut}
  </header>
  ${kpis(s)}
  <main class="grid">
    ${timelinePanel(s)}
    ${measuredPanels(s)}
    ${tierPanel(s)}
    ${priorityPanel(s)}
    ${categoryPanel(s)}
    ${latencyPanel(s)}
    ${articlesPanel(s)}
  </main>
</body>
</html>`;
