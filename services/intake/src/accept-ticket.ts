import { randomUUID } from 'node:crypto';
import { createEvent, Topics, Ticket, type DeflectionContext, type TicketSubmission } from '@triage/contracts';
import { traceparentFor } from '@triage/metrics';
import { nameBasedUuid } from '@triage/runtime';
import type { Store } from '@triage/store';

export interface AcceptOptions {
  idempotencyKey?: string | undefined;
  deflection?: DeflectionContext | undefined;
  traceparent?: string | undefined;
  now?: Date;
}

/**
 * Stores a new ticket together with its `tickets.received` event (outbox): the relay publishes it,
 * so a crash between storing and publishing loses nothing. A repeated idempotency key returns the
 * first ticket's id and stores nothing.
 */
export const acceptTicket = async (
  store: Store,
  tenantId: string,
  submission: TicketSubmission,
  options: AcceptOptions = {},
): Promise<{ id: string; created: boolean }> => {
  const id = options.idempotencyKey ? nameBasedUuid(`${tenantId}:${options.idempotencyKey}`) : randomUUID();
  const ticket = Ticket.parse({
    ...submission,
    id,
    tenantId,
    receivedAt: (options.now ?? new Date()).toISOString(),
    ...(options.deflection ? { deflection: options.deflection } : {}),
  });
  const event = createEvent(Topics.ticketsReceived, {
    tenantId,
    key: id,
    payload: { ticket },
    // Continues the caller's trace when it sent one, else starts the ticket's own.
    traceparent: traceparentFor({ traceparent: options.traceparent }),
  });
  return store.tickets.create(ticket, [{ topic: Topics.ticketsReceived, event }], options.idempotencyKey);
};
