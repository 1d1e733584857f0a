/** Hand-built, contract-valid pipeline events for tests of anything that projects them (`@triage/metrics/testing`). */

import { createEvent, Topics, type EventOf, type LifecycleReport, type Priority, type Solution, type Ticket } from '@triage/contracts';

const MINUTE_MS = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export interface TicketFacts {
  tenantId?: string;
  ticketId: string;
  receivedAt: number;
  /** Milliseconds from receipt to the event. */
  ageMs?: number;
}

const ticketOf = (f: TicketFacts, fromDeflection = false): Ticket => ({
  id: f.ticketId,
  tenantId: f.tenantId ?? 'acme',
  receivedAt: iso(f.receivedAt),
  subject: 'Cannot export invoices',
  body: 'The export button does nothing since this morning.',
  channel: 'web',
  customer: { id: `c-${f.ticketId}`, tier: 'pro', vip: false },
  attachments: [],
  ...(fromDeflection ? { deflection: { deflectionId: `d-${f.ticketId}`, question: 'export?', articlesShown: [] } } : {}),
});

const categorizationOf = (category: string, abstained: boolean) => ({
  category: abstained ? 'needs-triage' : category,
  kind: 'incident' as const,
  confidence: abstained ? 0.3 : 0.9,
  abstained,
  modelVersion: 'test-1',
  alternatives: [],
});

export const categorizedEvent = (f: TicketFacts & { category?: string; abstained?: boolean }): EventOf<typeof Topics.ticketsCategorized> =>
  createEvent(Topics.ticketsCategorized, {
    id: `${f.ticketId}:categorize`,
    tenantId: f.tenantId ?? 'acme',
    key: f.ticketId,
    occurredAt: iso(f.receivedAt + (f.ageMs ?? 1_000)),
    payload: {
      ticket: ticketOf(f),
      embedding: [0.1, 0.2],
      categorization: categorizationOf(f.category ?? 'billing', f.abstained ?? false),
    },
  });

export interface RoutedFacts extends TicketFacts {
  tier?: 0 | 1 | 2 | 3;
  priority?: Priority;
  category?: string;
  abstained?: boolean;
  selfServe?: boolean;
  fromDeflection?: boolean;
  firstResponseMinutes?: number;
}

export const routedEvent = (f: RoutedFacts): EventOf<typeof Topics.ticketsRouted> => {
  const firstResponseDueAt = iso(f.receivedAt + (f.firstResponseMinutes ?? 60) * MINUTE_MS);
  const retrieval = {
    solutions: [],
    topScore: f.selfServe ? 0.9 : 0.2,
    confidence: f.selfServe ? 0.85 : 0.1,
    selfServe: f.selfServe ?? false,
  };
  return createEvent(Topics.ticketsRouted, {
    id: `${f.ticketId}:route`,
    tenantId: f.tenantId ?? 'acme',
    key: f.ticketId,
    occurredAt: iso(f.receivedAt + (f.ageMs ?? 5_000)),
    payload: {
      ticket: ticketOf(f, f.fromDeflection),
      categorization: categorizationOf(f.category ?? 'billing', f.abstained ?? false),
      retrieval,
      escalation: {
        priority: f.priority ?? 'P3',
        impact: 'medium',
        urgency: 'medium',
        tier: f.tier ?? 1,
        queue: `tier${f.tier ?? 1}-queue`,
        majorIncident: false,
        sentiment: { score: 0, frustrated: false, source: 'lexicon' },
        complexity: 0.5,
        sla: { firstResponseDueAt, resolutionDueAt: iso(f.receivedAt + 24 * 60 * MINUTE_MS) },
        reasons: [],
      },
      queue: `tier${f.tier ?? 1}-queue`,
      packet: {
        summary: 'Export broken',
        evidence: [],
        tried: [],
        hypothesis: 'unknown',
        openQuestions: [],
        customerSentiment: 'neutral',
        slaClock: {
          firstResponseDueAt,
          resolutionDueAt: iso(f.receivedAt + 24 * 60 * MINUTE_MS),
          minutesToFirstResponse: f.firstResponseMinutes ?? 60,
        },
        suggestedArticles: [],
      },
    },
  });
};

export const article = (articleId: string, title = `Article ${articleId}`): Solution => ({ articleId, title, snippet: '…', score: 0.8 });

export const deflectionEvent = (f: {
  tenantId?: string;
  deflectionId: string;
  outcome: 'shown' | 'resolved' | 'unresolved';
  at: number;
  solutions?: Solution[];
  creditedArticleId?: string;
  deflectable?: boolean;
}): EventOf<typeof Topics.deflectionsRecorded> =>
  createEvent(Topics.deflectionsRecorded, {
    id: `${f.deflectionId}:${f.outcome}`,
    tenantId: f.tenantId ?? 'acme',
    key: f.deflectionId,
    occurredAt: iso(f.at),
    payload: {
      deflectionId: f.deflectionId,
      question: 'How do I export invoices?',
      solutions: f.solutions ?? [],
      deflectable: f.deflectable ?? true,
      confidence: 0.8,
      outcome: f.outcome,
      ...(f.creditedArticleId ? { creditedArticleId: f.creditedArticleId } : {}),
    },
  });

/** A change the lifecycle applied, as `tickets.lifecycle-applied` carries it; the states are not read by the projection. */
export const lifecycleEvent = (
  ticketId: string,
  report: LifecycleReport,
  tenantId = 'acme',
): EventOf<typeof Topics.ticketsLifecycleApplied> =>
  createEvent(Topics.ticketsLifecycleApplied, {
    id: `${ticketId}:lifecycle:${report.id}`,
    tenantId,
    key: ticketId,
    occurredAt: report.occurredAt,
    payload: { ticketId, report, previousState: 'open', state: 'assigned', late: false },
  });
