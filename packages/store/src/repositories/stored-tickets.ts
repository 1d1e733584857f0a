import type { Ticket } from '@triage/contracts';
import type { StoredTicket } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { isoTime } from './rows.ts';

/** The tenant's tickets of `ids` that exist, each with every stage output recorded for it, by id. */
export const storedTickets = async (tx: Sql, tenantId: string, ids: string[]): Promise<Map<string, StoredTicket>> => {
  const tickets = await tx.query<{ id: string; ticket: Ticket; created_at: Date }>(
    'SELECT id, ticket, created_at FROM tickets WHERE tenant_id = $1 AND id = ANY($2::text[])',
    [tenantId, ids],
  );
  const stages = await tx.query<{ ticket_id: string; stage: string; output: unknown }>(
    'SELECT ticket_id, stage, output FROM ticket_stages WHERE tenant_id = $1 AND ticket_id = ANY($2::text[]) ORDER BY created_at, stage',
    [tenantId, ids],
  );
  const byTicket = Map.groupBy(stages.rows, (s) => s.ticket_id);
  return new Map(
    tickets.rows.map((row) => [
      row.id,
      {
        ticket: row.ticket,
        stages: Object.fromEntries((byTicket.get(row.id) ?? []).map((s) => [s.stage, s.output])),
        createdAt: isoTime(row.created_at),
      },
    ]),
  );
};
