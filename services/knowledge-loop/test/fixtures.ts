import { randomUUID } from 'node:crypto';
import type { Bus } from '@triage/bus';
import { createEvent, LifecycleReport, Ticket, Topics } from '@triage/contracts';
import type { Store } from '@triage/store';

/**
 * A ticket as the pipeline leaves it: retrieved with the best article's `confidence`, and
 * categorized when a `category` is given.
 */
export const retrievedTicket = async (
  store: Store,
  tenantId: string,
  { subject, body, confidence, category }: { subject: string; body: string; confidence: number; category?: string },
): Promise<string> => {
  const ticket = Ticket.parse({
    id: randomUUID(),
    tenantId,
    receivedAt: new Date().toISOString(),
    subject,
    body,
    channel: 'email',
    customer: { id: 'c1', tier: 'pro' },
  });
  await store.tickets.create(ticket, []);
  if (category !== undefined) {
    const categorization = { category, kind: 'incident', confidence: 0.9, abstained: false, modelVersion: 'v1', alternatives: [] };
    await store.tickets.recordStages(tenantId, 'categorize', [{ ticketId: ticket.id, output: categorization, source: 's' }]);
  }
  const retrieval = { solutions: [], topScore: confidence, confidence, selfServe: false };
  await store.tickets.recordStages(tenantId, 'retrieve', [{ ticketId: ticket.id, output: retrieval, source: 's' }]);
  return ticket.id;
};

/** An agent's resolution of the ticket with `notes`, as intake's relay publishes it; `report` adds to or overrides the report. */
export const publishResolution = (bus: Bus, tenantId: string, ticketId: string, notes: string, report: Record<string, unknown> = {}) =>
  bus.publish(Topics.ticketsLifecycleApplied, [
    createEvent(Topics.ticketsLifecycleApplied, {
      tenantId,
      key: ticketId,
      payload: {
        ticketId,
        report: LifecycleReport.parse({
          type: 'resolved',
          id: `r-${ticketId}`,
          occurredAt: new Date().toISOString(),
          notes,
          resolvingTier: 1,
          ...report,
        }),
        previousState: 'assigned',
        state: 'resolved',
        late: false,
      },
    }),
  ]);
