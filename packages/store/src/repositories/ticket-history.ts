import type { LifecycleReport, Ticket } from '@triage/contracts';
import type { TicketHistoryRepository } from '../history-types.ts';
import type { Sql } from '../sql-types.ts';

// Days are the tickets' own receipt times (`receivedAt`), which the API sets when it accepts one.
const BETWEEN = `
  WITH concerned AS (
    SELECT t.tenant_id, t.id, t.ticket, a.output AS assessed, (t.ticket ->> 'receivedAt')::timestamptz AS received_at
    FROM tickets t
    LEFT JOIN ticket_stages a ON a.tenant_id = t.tenant_id AND a.ticket_id = t.id AND a.stage = 'assess'
    WHERE t.tenant_id = $1 AND (t.ticket ->> 'receivedAt')::timestamptz < $3
      AND ((t.ticket ->> 'receivedAt')::timestamptz >= $2
        OR EXISTS (SELECT 1 FROM ticket_lifecycle l WHERE l.tenant_id = t.tenant_id AND l.ticket_id = t.id AND l.occurred_at >= $2 AND l.occurred_at < $3)
        OR (a.output IS NOT NULL AND coalesce((
          SELECT l.type FROM ticket_lifecycle l
          WHERE l.tenant_id = t.tenant_id AND l.ticket_id = t.id AND l.type IN ('resolved', 'closed', 'reopened')
          ORDER BY l.occurred_at DESC, l.seq DESC LIMIT 1), 'reopened') = 'reopened'))
    ORDER BY received_at DESC, t.id DESC
    LIMIT $4 + 1
  )
  SELECT c.ticket, c.assessed,
         coalesce((SELECT jsonb_agg(l.report ORDER BY l.occurred_at, l.seq) FROM ticket_lifecycle l
                   WHERE l.tenant_id = c.tenant_id AND l.ticket_id = c.id), '[]'::jsonb) AS timeline
  FROM concerned c
  ORDER BY c.received_at DESC, c.id DESC`;

export const ticketHistoryRepository = (sql: Sql): TicketHistoryRepository => ({
  between: (tenantId, { from, to, limit }) =>
    sql.transaction(
      async (tx) => {
        const { rows } = await tx.query<{ ticket: Ticket; assessed: unknown; timeline: LifecycleReport[] }>(BETWEEN, [
          tenantId,
          from,
          to,
          limit,
        ]);
        return {
          tickets: rows
            .slice(0, limit)
            .map((r) => ({ ticket: r.ticket, ...(r.assessed ? { assessed: r.assessed } : {}), timeline: r.timeline })),
          truncated: rows.length > limit,
        };
      },
      { tenantId },
    ),
});
