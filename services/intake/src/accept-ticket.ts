import { randomUUID } from 'node:crypto';
import { createEvent, Topics, Ticket, TicketSubmission, type DeflectionContext } from '@triage/contracts';
import { traceparentFor } from '@triage/metrics';
import { nameBasedUuid } from '@triage/runtime';
import type { OutgoingEvent, Store } from '@triage/store';
import { requestFingerprint } from './request-fingerprint.ts';

export interface AcceptOptions {
  idempotencyKey?: string | undefined;
  deflection?: DeflectionContext | undefined;
  traceparent?: string | undefined;
  now?: Date;
}

/** A submission as a received ticket and the `tickets.received` event announcing it, not yet stored. */
export const receivedTicket = (
  tenantId: string,
  submission: TicketSubmission,
  options: AcceptOptions = {},
): { ticket: Ticket; events: OutgoingEvent[] } => {
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
  return { ticket, events: [{ topic: Topics.ticketsReceived, event }] };
};

/**
 * Stores a new ticket together with its `tickets.received` event (outbox): the relay publishes it,
 * so a crash between storing and publishing loses nothing. A repeated idempotency key returns the
 * first ticket's id and stores nothing; the same key with a different submission throws
 * `IdempotencyKeyReused`.
 */
export const acceptTicket = async (
  store: Store,
  tenantId: string,
  submission: TicketSubmission,
  options: AcceptOptions = {},
): Promise<{ id: string; created: boolean }> => {
  const { ticket, events } = receivedTicket(tenantId, submission, options);
  // Fingerprinted as parsed (defaults filled in, text trimmed), so only a different ticket counts as another request.
  const idempotency = options.idempotencyKey
    ? { key: options.idempotencyKey, fingerprint: requestFingerprint(TicketSubmission.parse(submission)) }
    : undefined;
  return store.tickets.create(ticket, events, idempotency);
};
