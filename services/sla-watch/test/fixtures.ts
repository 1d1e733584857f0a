import type { Delivery } from '@triage/bus';
import { createEvent, type CustomerTier, type EventOf, type LifecycleReport, type LifecycleState, Topics } from '@triage/contracts';
import type { Store } from '@triage/store';

const MINUTE_MS = 60_000;
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();

export interface RoutedOptions {
  tenantId?: string;
  ticketId: string;
  tier?: CustomerTier;
  receivedAt: string;
  /** The escalator's windows, on the wall clock from arrival. */
  firstResponseMinutes?: number;
  resolutionMinutes?: number;
}

export const routedEvent = ({
  tenantId = 'acme',
  ticketId,
  tier = 'enterprise',
  receivedAt,
  firstResponseMinutes = 60,
  resolutionMinutes = 240,
}: RoutedOptions): EventOf<typeof Topics.ticketsRouted> => {
  const sla = { firstResponseDueAt: plus(receivedAt, firstResponseMinutes), resolutionDueAt: plus(receivedAt, resolutionMinutes) };
  return createEvent(Topics.ticketsRouted, {
    tenantId,
    key: ticketId,
    payload: {
      ticket: {
        id: ticketId,
        tenantId,
        receivedAt,
        subject: 'Exports fail',
        body: 'Every CSV export fails with HTTP 500.',
        channel: 'email',
        attachments: [],
        customer: { id: 'c-1', tier, vip: false },
      },
      categorization: { category: 'bug', kind: 'incident', confidence: 0.9, abstained: false, modelVersion: 't', alternatives: [] },
      retrieval: { solutions: [], topScore: 0, confidence: 0, selfServe: false },
      escalation: {
        priority: 'P2',
        impact: 'medium',
        urgency: 'high',
        tier: 2,
        queue: 'tier2-bugs',
        majorIncident: false,
        sentiment: { score: 0, frustrated: false, source: 'lexicon' },
        complexity: 0.4,
        sla,
        reasons: [],
      },
      queue: 'tier2-bugs',
      packet: {
        summary: 'CSV exports fail.',
        evidence: [],
        tried: [],
        hypothesis: 'A regression in the exporter.',
        openQuestions: [],
        customerSentiment: 'neutral',
        slaClock: { ...sla, minutesToFirstResponse: firstResponseMinutes },
        suggestedArticles: [],
      },
    },
  });
};

type ReportOf<T extends LifecycleReport['type']> = Omit<Extract<LifecycleReport, { type: T }>, 'type' | 'id' | 'occurredAt'>;

const REPORT_FIELDS: { [T in LifecycleReport['type']]?: ReportOf<T> } = {
  resolved: { notes: 'Fixed the exporter.', resolvingTier: 2 },
};

export const appliedEvent = (
  ticketId: string,
  type: 'first_response' | 'pending_customer' | 'customer_replied' | 'resolved' | 'reopened',
  occurredAt: string,
  previousState: LifecycleState,
  state: LifecycleState,
  tenantId = 'acme',
): EventOf<typeof Topics.ticketsLifecycleApplied> =>
  createEvent(Topics.ticketsLifecycleApplied, {
    tenantId,
    key: ticketId,
    payload: {
      ticketId,
      report: { type, id: `${ticketId}-${type}-${occurredAt}`, occurredAt, ...REPORT_FIELDS[type] } as LifecycleReport,
      previousState,
      state,
      late: false,
    },
  });

export const deliveryOf = <T extends typeof Topics.ticketsRouted | typeof Topics.ticketsLifecycleApplied>(
  topic: T,
  event: EventOf<T>,
): Delivery<T> => ({ topic, partition: 0, offset: event.id, event, headers: {} });

export interface Escalation {
  id: string;
  ticketId: string;
  reason: string;
  deadline: string;
  window: number;
  minutesLeft: number;
  level: number;
  occurredAt: string;
}

/** The escalations the watch wrote to the outbox, in order; for one ticket, or all. */
export const escalations = async (store: Store, ticketId?: string): Promise<Escalation[]> => {
  const { rows } = await store.sql.query<{ event: EventOf<typeof Topics.ticketsEscalated> }>(
    `SELECT event FROM outbox WHERE topic = $1 AND ($2::text IS NULL OR event ->> 'key' = $2) ORDER BY id`,
    [Topics.ticketsEscalated, ticketId ?? null],
  );
  return rows.map(({ event: { id, occurredAt, payload } }) => ({
    id,
    ticketId: payload.ticketId,
    reason: payload.reason,
    deadline: payload.deadline,
    window: payload.window,
    minutesLeft: payload.minutesLeft,
    level: payload.escalateTo.level,
    occurredAt,
  }));
};
