import type { Ticket } from '@triage/contracts';
import { IdempotencyKeyReused } from '../idempotency-key-reused.ts';
import type { TicketVectorInput } from '../problem-types.ts';
import type { Idempotency, OutgoingEvent, RecordedStage, StageRecord, Store } from '../types.ts';
import type { Sql, Statement } from '../sql-types.ts';
import { insertEvents, insertEventsStatement } from './outbox.ts';
import { insertVectorsStatement } from './ticket-vectors.ts';
import { json } from './rows.ts';
import { storedTickets } from './stored-tickets.ts';
import { ticketFeed } from './ticket-feed.ts';
import { ticketListing } from './ticket-listing.ts';

/** The ticket a repeated idempotency key was first used for; refuses the key with another request. */
const firstUse = async (tx: Sql, tenantId: string, { key, fingerprint }: Idempotency): Promise<{ id: string; created: false }> => {
  // Read in a new statement: under READ COMMITTED it sees the row a concurrent request just committed.
  const { rows } = await tx.query<{ id: string; request_fingerprint: string | null }>(
    'SELECT id, request_fingerprint FROM tickets WHERE tenant_id = $1 AND idempotency_key = $2',
    [tenantId, key],
  );
  const first = rows[0];
  if (first === undefined) throw new Error(`idempotency key ${key} conflicted but its ticket is not visible`);
  if (first.request_fingerprint !== null && first.request_fingerprint !== fingerprint) throw new IdempotencyKeyReused(key);
  return { id: first.id, created: false };
};

const insertTicketStatement = (ticket: Ticket, idempotency?: Idempotency): Statement => ({
  text: `INSERT INTO tickets (tenant_id, id, idempotency_key, request_fingerprint, ticket) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
  params: [ticket.tenantId, ticket.id, idempotency?.key ?? null, idempotency?.fingerprint ?? null, json(ticket)],
});

/** Stores a ticket and its events in the caller's transaction, as `Store['tickets']['create']` describes. */
export const insertTicket = async (
  tx: Sql,
  ticket: Ticket,
  events: OutgoingEvent[],
  idempotency?: Idempotency,
): Promise<{ id: string; created: boolean }> => {
  const { text, params } = insertTicketStatement(ticket, idempotency);
  const inserted = await tx.query(text, params);
  // Only a used idempotency key makes the insert do nothing; any other conflict raises.
  if (!inserted.rows.length) return firstUse(tx, ticket.tenantId, idempotency!);
  await insertEvents(tx, ticket.tenantId, events);
  return { id: ticket.id, created: true };
};

export const ticketsRepository = (sql: Sql, embeddingDim: number): Store['tickets'] => ({
  ...ticketFeed(sql),
  ...ticketListing(sql),
  create: async (ticket, events, idempotency) => {
    if (idempotency) return sql.transaction((tx) => insertTicket(tx, ticket, events, idempotency), { tenantId: ticket.tenantId });
    // Without a key the insert meets no conflict it answers (any other raises): ticket and events go in one round trip.
    await sql.oneTrip([insertTicketStatement(ticket), ...insertEventsStatement(ticket.tenantId, events)], { tenantId: ticket.tenantId });
    return { id: ticket.id, created: true };
  },

  get: (tenantId, ticketId) =>
    sql.transaction(async (tx) => (await storedTickets(tx, tenantId, [ticketId])).get(ticketId) ?? null, { tenantId }),

  recordStages: async <T>(
    tenantId: string,
    stage: string,
    records: StageRecord<T>[],
    vectors: TicketVectorInput[] = [],
  ): Promise<RecordedStage<T>[]> => {
    if (records.length === 0) return [];
    // Only a ticket's first record in the batch is offered to the table; later ones are duplicates of it.
    const offered = new Map<string, { record: StageRecord<T>; json: string }>();
    for (const record of records) if (!offered.has(record.ticketId)) offered.set(record.ticketId, { record, json: json(record.output) });
    const ids = [...offered.keys()];
    // Rows are written in ticket order, so two writers of overlapping batches cannot deadlock.
    const record: Statement = {
      text: `INSERT INTO ticket_stages (tenant_id, ticket_id, stage, output, source)
       SELECT $1, r.ticket_id, $2, r.output::jsonb, r.source FROM unnest($3::text[], $4::text[], $5::text[]) AS r(ticket_id, output, source)
       ORDER BY r.ticket_id
       ON CONFLICT DO NOTHING RETURNING ticket_id`,
      params: [tenantId, stage, ids, ids.map((id) => offered.get(id)!.json), ids.map((id) => offered.get(id)!.record.source)],
    };
    // The vectors first: the statement whose rows come back is the last.
    const inserted = await sql.oneTrip<{ ticket_id: string }>(
      vectors.length > 0 ? [insertVectorsStatement(tenantId, vectors, embeddingDim), record] : [record],
      { tenantId },
    );
    const insertedNow = new Set(inserted.rows.map((r) => r.ticket_id));
    // What a redelivery would read back: the output as stored, not the object in hand.
    const stored = new Map(
      [...insertedNow].map((id) => [id, { output: JSON.parse(offered.get(id)!.json) as T, source: offered.get(id)!.record.source }]),
    );
    const earlier = ids.filter((id) => !insertedNow.has(id));
    if (earlier.length > 0) {
      // The conflicting rows are committed (an insert waits for a conflicting writer to finish), so
      // a read after the insert sees them.
      const rows = await sql.oneTrip<{ ticket_id: string; output: T; source: string }>(
        [
          {
            text: 'SELECT ticket_id, output, source FROM ticket_stages WHERE tenant_id = $1 AND stage = $2 AND ticket_id = ANY($3::text[])',
            params: [tenantId, stage, earlier],
          },
        ],
        { tenantId },
      );
      for (const row of rows.rows) stored.set(row.ticket_id, { output: row.output, source: row.source });
      const missing = earlier.find((id) => !stored.has(id));
      if (missing !== undefined) throw new Error(`stage ${stage} of ticket ${missing} conflicted but is not visible`);
    }
    return records.map((record) => ({
      ...stored.get(record.ticketId)!,
      firstTime: insertedNow.has(record.ticketId) && offered.get(record.ticketId)!.record === record,
    }));
  },
});
