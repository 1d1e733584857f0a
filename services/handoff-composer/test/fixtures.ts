import type { Categorization, Customer, Retrieval, Ticket, TicketAssessed } from '@triage/contracts';
import { analyzeText, customerText, scoreSentiment } from '@triage/signals';

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

/**
 * A ticket as the escalator leaves it: the decision is fixed, since the packet only quotes it; the
 * sentiment, the repeat-contact reason and the text analysis are read from the customer's text.
 */
export const assessedOf = (ticket: Ticket = ticketOf(), categorization = categorizationOf(), retrieval = retrievalOf()): TicketAssessed => {
  const text = customerText(ticket);
  const textAnalysis = analyzeText(text);
  return {
    ticket,
    categorization,
    retrieval,
    escalation: {
      priority: 'P3',
      impact: 'medium',
      urgency: 'medium',
      tier: 1,
      queue: 'tier1-service-desk',
      majorIncident: false,
      sentiment: scoreSentiment(text),
      complexity: 0.4,
      sla: { firstResponseDueAt: '2025-03-03T17:00:00.000Z', resolutionDueAt: '2025-03-06T09:00:00.000Z' },
      reasons: textAnalysis.signals.repeatContact ? [{ code: 'repeat-contact' }] : [],
    },
    textAnalysis,
  };
};
