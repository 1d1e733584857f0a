import { randomUUID } from 'node:crypto';
import { createEvent, type EventOf, type Priority, Topics } from '@triage/contracts';
import type { RequestTracker } from '../../infra/request-tracker/settings.ts';

/** REST 2 calls of a test or a bench: what an agent or an RT admin does, through RT's own API. */
export const rtApi = (rt: RequestTracker) => {
  const authorization = `Basic ${Buffer.from(`${rt.user}:${rt.password}`).toString('base64')}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${rt.url}/REST/2.0${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    call,
    get: <T>(path: string) => call<T>('GET', path),
    createQueue: (name: string) => call<{ id: string }>('POST', '/queue', { Name: name }),
    /** Every ticket of these queues, with what the connector set; one page of at most 100 per queue. */
    ticketIds: async (queue: string): Promise<number[]> => {
      const query = encodeURIComponent(`Queue = '${queue}'`);
      const page = await call<{ items: { id: string | number }[]; total: number }>('GET', `/tickets?query=${query}&per_page=100`);
      return page.items.map((t) => Number(t.id));
    },
  };
};

export interface RoutedSpec {
  tenantId: string;
  queue: string;
  priority: Priority;
  tier: 0 | 1 | 2 | 3;
  email?: string;
  body?: string;
}

/** A routed ticket with a full handoff packet, as handoff-composer publishes it. */
export const routedTicket = (s: RoutedSpec, id: string = randomUUID()): EventOf<typeof Topics.ticketsRouted> => {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  return createEvent(Topics.ticketsRouted, {
    id: `${id}:route`,
    tenantId: s.tenantId,
    key: id,
    payload: {
      ticket: {
        id,
        tenantId: s.tenantId,
        receivedAt: iso(now),
        subject: `Invoices cannot be exported (${id.slice(0, 8)})`,
        body: s.body ?? 'Since this morning the export button does nothing and we need the invoices for the audit.',
        channel: 'email',
        customer: { id: `c-${id.slice(0, 8)}`, tier: 'enterprise', vip: false, ...(s.email ? { email: s.email } : {}) },
        attachments: [],
      },
      categorization: { category: 'billing', kind: 'incident', confidence: 0.87, abstained: false, modelVersion: 't-1', alternatives: [] },
      retrieval: { solutions: [], topScore: 0.4, confidence: 0.3, selfServe: false },
      escalation: {
        priority: s.priority,
        impact: 'medium',
        urgency: 'high',
        tier: s.tier,
        queue: s.queue,
        majorIncident: false,
        sentiment: { score: -0.2, frustrated: false, source: 'lexicon' },
        complexity: 0.4,
        sla: { firstResponseDueAt: iso(now + 3_600_000), resolutionDueAt: iso(now + 86_400_000) },
        reasons: [{ code: 'urgent-language' }],
      },
      queue: s.queue,
      packet: {
        summary: 'Invoice export does nothing since this morning; audit deadline.',
        evidence: ['export button unresponsive', 'since this morning'],
        tried: ['reloaded the page'],
        hypothesis: 'export job queue stalled',
        openQuestions: ['Which browser?'],
        customerSentiment: 'worried',
        slaClock: { firstResponseDueAt: iso(now + 3_600_000), resolutionDueAt: iso(now + 86_400_000), minutesToFirstResponse: 60 },
        suggestedArticles: [
          { articleId: 'kb-7', title: 'Exporting invoices', snippet: '…', url: 'https://help.example.com/kb-7', score: 0.71 },
        ],
      },
    },
  });
};
