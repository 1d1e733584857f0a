import type { TicketRouted } from '@triage/contracts';

const list = (items: string[]): string[] => (items.length ? items.map((i) => `  - ${i}`) : ['  (none)']);

/** The handoff packet as a plain-text RT comment: what the agent reads before the customer's text. */
export const packetComment = ({ packet, escalation, queue }: TicketRouted): string =>
  [
    `Triage handoff: ${escalation.priority}, tier ${escalation.tier}, queue ${queue}${escalation.majorIncident ? ', MAJOR INCIDENT' : ''}`,
    '',
    `Summary: ${packet.summary}`,
    '',
    'Evidence:',
    ...list(packet.evidence),
    '',
    'What was tried:',
    ...list(packet.tried),
    '',
    `Hypothesis: ${packet.hypothesis}`,
    '',
    'Open questions:',
    ...list(packet.openQuestions),
    '',
    `Customer sentiment: ${packet.customerSentiment}`,
    '',
    'Suggested articles:',
    ...list(packet.suggestedArticles.map((a) => `${a.title}${a.url ? ` <${a.url}>` : ''} (score ${a.score.toFixed(2)})`)),
    '',
    `SLA: first response due ${packet.slaClock.firstResponseDueAt}, resolution due ${packet.slaClock.resolutionDueAt}`,
  ].join('\n');
