import type { Categorization, Customer, Retrieval, Ticket, TicketAssessed } from '@triage/contracts';
import { assessTicket, customerText, defaultEscalationPolicy, scoreSentiment } from '@triage/escalator';

export const RECEIVED_AT = '2025-03-03T09:00:00.000Z';

type TicketOverrides = Partial<Omit<Ticket, 'customer'>> & { customer?: Partial<Customer> };

export const ticketOf = ({ customer, ...over }: TicketOverrides = {}): Ticket => ({
  id: 't-9',
  tenantId: 'acme',
  receivedAt: RECEIVED_AT,
  subject: 'Sync keeps failing',
  body: 'Hi team,\nThe nightly sync fails with ERR-4012 since yesterday. Steps: open Settings, click Sync now. Thanks!',
  channel: 'web',
  attachments: [],
  ...over,
  customer: { id: 'c-7', tier: 'pro', vip: false, ...customer },
});

export const categorizationOf = (over: Partial<Categorization> = {}): Categorization => ({
  category: 'integrations',
  kind: 'incident',
  confidence: 0.81,
  abstained: false,
  modelVersion: 'test-1',
  alternatives: [],
  ...over,
});

export const retrievalOf = (over: Partial<Retrieval> = {}): Retrieval => ({
  solutions: [
    { articleId: 'kb-12', title: 'Fixing ERR-4012 sync failures', snippet: 'Reconnect the integration token.', score: 0.74 },
    { articleId: 'kb-3', title: 'How syncing works', snippet: 'Syncs run nightly.', score: 0.52 },
  ],
  topScore: 0.74,
  confidence: 0.55,
  selfServe: false,
  ...over,
});

/** A ticket as the escalator leaves it, decided by the real escalation rules. */
export const assessedOf = (
  ticket: Ticket = ticketOf(),
  categorization = categorizationOf(),
  retrieval = retrievalOf(),
): TicketAssessed => ({
  ticket,
  categorization,
  retrieval,
  escalation: assessTicket(
    { ticket, categorization, retrieval },
    { policy: defaultEscalationPolicy, now: new Date(RECEIVED_AT), sentiment: scoreSentiment(customerText(ticket)) },
  ),
});
