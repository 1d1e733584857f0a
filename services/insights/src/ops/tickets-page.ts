import { html } from 'hono/html';
import { pipelineStages } from '@triage/contracts';
import type { LifecycleEntry, StoredTicket } from '@triage/store';
import type { Html } from './charts.ts';
import { rangePath, ticketPath } from './drill-links.ts';
import { seconds } from './format.ts';
import type { Drill, HistoryTicket } from './history.ts';
import type { Period } from './period.ts';
import { styleTag } from './styles.ts';

const MEASURE_TITLES: Record<Drill['measure'], string> = {
  received: 'Received',
  answered: 'First response given',
  resolved: 'Resolved',
  fcr: 'Resolved at first contact',
  reopened: 'Reopened',
  csat: 'Satisfaction score given',
  open: 'Open now',
  major: 'Open major incidents',
};

const document = (title: string, nonce: string | undefined, body: Html) => html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>${title} · Triage ops</title>
  ${styleTag(nonce)}
</head>
<body>${body}</body>
</html>`;

const describe = (drill: Drill, period: Period) =>
  [
    MEASURE_TITLES[drill.measure],
    drill.day
      ? `on ${drill.day}`
      : drill.measure === 'open' || drill.measure === 'major'
        ? ''
        : `from ${period.days[0]} to ${period.days.at(-1)}`,
    drill.channel && `by ${drill.channel}`,
    drill.queue && `in ${drill.queue}`,
    drill.age && `aged ${drill.age}`,
  ]
    .filter(Boolean)
    .join(' ');

const state = (t: HistoryTicket) => (!t.measures ? 'not routed yet' : t.measures.open ? 'open' : 'resolved');

/** The tickets behind one number of the page, newest first, each linking to its own page. */
export const ticketListPage = (
  v: { tenant: string; drill: Drill; period: Period; tickets: HistoryTicket[]; now: number },
  nonce: string | undefined,
): Html => {
  const title = describe(v.drill, v.period);
  return document(
    title,
    nonce,
    html`<header><h1>${title} <span>· ${v.tenant}</span></h1>
    <p class="meta"><a href="${rangePath(v.tenant, v.period.range)}">Back to the operations page</a></p></header>
    <main><section class="panel" data-panel="tickets"><h2>${v.tickets.length} tickets</h2>
    ${
      v.tickets.length
        ? html`<div class="scroll"><table>
      <thead><tr><th scope="col">Ticket</th><th scope="col">Channel</th><th scope="col">Priority</th><th scope="col">Queue</th><th scope="col">Received</th><th scope="col">State</th></tr></thead>
      <tbody>${v.tickets.map(
        (
          t,
        ) => html`<tr data-ticket="${t.ticket.id}"><td><a href="${ticketPath(v.tenant, t.ticket.id)}">${t.ticket.subject}</a><br><small>${t.ticket.id}</small></td>
        <td>${t.ticket.channel}</td><td>${t.measures?.priority ?? '—'}</td><td>${t.measures?.queue ?? '—'}</td>
        <td><time datetime="${t.ticket.receivedAt}">${t.ticket.receivedAt.slice(0, 16).replace('T', ' ')}</time></td><td>${state(t)}</td></tr>`,
      )}</tbody></table></div>`
        : html`<p class="empty">No ticket.</p>`
    }</section></main>`,
  );
};

// Stored in order of arrival; shown in the order things happened, as the measures read them.
const byOccurrence = (timeline: LifecycleEntry[]) =>
  [...timeline].sort((a, b) => Date.parse(a.report.occurredAt) - Date.parse(b.report.occurredAt) || a.seq - b.seq);

/** One ticket: what the customer wrote, what each stage decided, and what the helpdesk reported. */
export const ticketPage = (
  v: { tenant: string; stored: StoredTicket; timeline: LifecycleEntry[]; now: number },
  nonce: string | undefined,
): Html => {
  const { ticket, stages } = v.stored;
  return document(
    ticket.subject,
    nonce,
    html`<header><h1>${ticket.subject} <span>· ${v.tenant}</span></h1>
    <p class="meta"><a href="${rangePath(v.tenant, '7d')}">Back to the operations page</a></p></header>
    <main class="grid">
      <section class="panel" data-panel="ticket"><h2>Ticket <small>${ticket.id}</small></h2>
        <dl>
          <dt>Received</dt><dd><time datetime="${ticket.receivedAt}">${ticket.receivedAt.slice(0, 19).replace('T', ' ')} UTC</time>, ${seconds((v.now - Date.parse(ticket.receivedAt)) / 1000)} ago</dd>
          <dt>Channel</dt><dd>${ticket.channel}</dd>
          <dt>Customer</dt><dd>${ticket.customer.id} (${ticket.customer.tier}${ticket.customer.vip ? ', VIP' : ''})</dd>
        </dl>
        <p class="body">${ticket.body}</p>
      </section>
      <section class="panel" data-panel="decisions"><h2>Decisions</h2>
        ${pipelineStages
          .filter((stage) => stage in stages)
          .map((stage) => html`<h3>${stage}</h3><pre>${JSON.stringify(stages[stage], null, 2)}</pre>`)}
      </section>
      <section class="panel wide" data-panel="timeline"><h2>Helpdesk timeline</h2>
        ${
          v.timeline.length
            ? html`<div class="scroll"><table><thead><tr><th scope="col">When</th><th scope="col">Report</th><th scope="col">Details</th></tr></thead>
          <tbody>${byOccurrence(v.timeline).map(
            ({ report }) =>
              html`<tr><td><time datetime="${report.occurredAt}">${report.occurredAt.slice(0, 16).replace('T', ' ')}</time></td><td>${report.type}</td><td><code>${JSON.stringify(report)}</code></td></tr>`,
          )}</tbody></table></div>`
            : html`<p class="empty">The helpdesk has not reported on this ticket.</p>`
        }
      </section>
    </main>`,
  );
};
