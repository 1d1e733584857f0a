import type { Categorization, Customer, Retrieval, Ticket } from '@triage/contracts';

export const RECEIVED_AT = '2025-03-03T09:00:00.000Z';

export const ticketOf = (over: Partial<Omit<Ticket, 'customer'>> & { customer?: Partial<Customer> } = {}): Ticket => {
  const { customer, ...rest } = over;
  return {
    id: 't-1',
    tenantId: 'acme',
    receivedAt: RECEIVED_AT,
    subject: 'Question about exports',
    body: 'Hello, how do I export my invoices as CSV? Thanks a lot!',
    channel: 'email',
    attachments: [],
    ...rest,
    customer: { id: 'c-1', tier: 'free', vip: false, ...customer },
  };
};

export const categorizationOf = (over: Partial<Categorization> = {}): Categorization => ({
  category: 'billing',
  kind: 'service_request',
  confidence: 0.92,
  abstained: false,
  modelVersion: 'test-1',
  alternatives: [{ category: 'billing', probability: 0.92 }],
  ...over,
});

export const strongKb: Retrieval = {
  solutions: [{ articleId: 'kb-42', title: 'Export invoices as CSV', snippet: 'Go to Billing → Invoices → Export.', score: 0.91 }],
  topScore: 0.91,
  confidence: 0.88,
  selfServe: true,
};

export const weakKb: Retrieval = {
  solutions: [{ articleId: 'kb-7', title: 'Network troubleshooting', snippet: 'Check your proxy settings.', score: 0.41 }],
  topScore: 0.41,
  confidence: 0.3,
  selfServe: false,
};

export const noKb: Retrieval = { solutions: [], topScore: 0, confidence: 0, selfServe: false };
