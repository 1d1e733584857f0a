import type { Ticket } from '@triage/contracts';
import type { Sql, Store, StoredTicket } from '../types.ts';
import { insertEvents } from './outbox.ts';
import { isoTime, json } from './rows.ts';

export const ticketsRepository = (sql: Sql): Store['tickets'] => ({
  create: (ticket, events, idempotencyKey) =>
    sql.transaction(
      async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO tickets (tenant_id, id, idempotency_key, ticket) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
          [ticket.tenantId, ticket.id, idempotencyKey ?? null, json(ticket)],
        );
        if (!inserted.rows.length) {
          // Read in a new statement: under READ COMMITTED it sees the row a concurrent request just committed.
          const existing = await tx.query<{ id: string }>('SELECT id FROM tickets WHERE tenant_id = $1 AND idempotency_key = $2', [
            ticket.tenantId,
            idempotencyKey,
          ]);
          const id = existing.rows[0]?.id;
          if (id === undefined) throw new Error(`idempotency key ${idempotencyKey} conflicted but its ticket is not visible`);
          return { id, created: false };
        }
        await insertEvents(tx, ticket.tenantId, events);
        return { id: ticket.id, created: true };
      },
      { tenantId: ticket.tenantId },
    ),

  get: (tenantId, ticketId) =>
    sql.transaction(
      async (tx): Promise<StoredTicket | null> => {
        const { rows } = await tx.query<{ ticket: Ticket; created_at: Date }>('SELECT ticket, created_at FROM tickets WHERE tenant_id = $1 AND id = $2', [
          tenantId,
          ticketId,
        ]);
        const row = rows[0];
        if (!row) return null;
        const stages = await tx.query<{ stage: string; output: unknown }>(
          'SELECT stage, output FROM ticket_stages WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY created_at, stage',
          [tenantId, ticketId],
        );
        return {
          ticket: row.ticket,
          stages: Object.fromEntries(stages.rows.map((s) => [s.stage, s.output])),
          createdAt: isoTime(row.created_at),
        };
      },
      { tenantId },
    ),

  recordStage: <T>(tenantId: string, ticketId: string, stage: string, output: T, source: string) =>
    sql.transaction(
      async (tx) => {
        const key = [tenantId, ticketId, stage];
        const inserted = await tx.query<{ output: T }>(
          'INSERT INTO ticket_stages (tenant_id, ticket_id, stage, output, source) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING output',
          [...key, json(output), source],
        );
        if (inserted.rows[0]) return { output: inserted.rows[0].output, firstTime: true, source };
        const stored = await tx.query<{ output: T; source: string }>('SELECT output, source FROM ticket_stages WHERE tenant_id = $1 AND ticket_id = $2 AND stage = $3', key);
        if (!stored.rows[0]) throw new Error(`stage ${stage} of ticket ${ticketId} conflicted but is not visible`);
        return { output: stored.rows[0].output, firstTime: false, source: stored.rows[0].source };
      },
      { tenantId },
    ),
});
