import { pipelineStages, statusAfter, type Priority, type TicketStatus } from '@triage/contracts';
import type { Store, TicketSummary } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { isoTime, optional } from './rows.ts';

interface ListedRow {
  id: string;
  created_at: Date;
  subject: string;
  channel: string;
  customer_id: string;
  last_stage: keyof typeof statusAfter | null;
  priority: Priority | null;
  queue: string | null;
  routed_at: Date | null;
}

/** The stage a ticket of this status completed last; none for a ticket only received. */
const lastStageOf = (status: TicketStatus) => pipelineStages.find((stage) => statusAfter[stage] === status) ?? null;

// Newest first by (created_at, id), walked from the index `tickets_newest` with the filters read from
// the ticket's assess and route records through their primary key, or, for a rare queue or priority,
// from the assess records' index `ticket_stages_queue` (see migration 016).
const LIST = `
  SELECT t.id, t.created_at, t.ticket ->> 'subject' AS subject, t.ticket ->> 'channel' AS channel,
         t.customer_id, latest.stage AS last_stage,
         a.priority, a.queue, r.created_at AS routed_at
  FROM tickets t
  LEFT JOIN ticket_stages a ON a.tenant_id = t.tenant_id AND a.ticket_id = t.id AND a.stage = 'assess'
  LEFT JOIN ticket_stages r ON r.tenant_id = t.tenant_id AND r.ticket_id = t.id AND r.stage = 'route'
  LEFT JOIN LATERAL (
    SELECT s.stage FROM ticket_stages s WHERE s.tenant_id = t.tenant_id AND s.ticket_id = t.id
    ORDER BY array_position($2::text[], s.stage) DESC LIMIT 1
  ) latest ON true
  WHERE t.tenant_id = $1
    AND ($3::text IS NULL OR (t.created_at, t.id) < (SELECT c.created_at, c.id FROM tickets c WHERE c.tenant_id = $1 AND c.id = $3))
    AND (NOT $4::boolean OR latest.stage IS NOT DISTINCT FROM $5::text)
    AND ($6::text IS NULL OR a.queue = $6)
    AND ($7::text IS NULL OR a.priority = $7)
    AND ($8::timestamptz IS NULL OR r.created_at >= $8)
  ORDER BY t.created_at DESC, t.id DESC
  LIMIT $9`;

const summaryOf = (row: ListedRow): TicketSummary => ({
  id: row.id,
  status: row.last_stage ? statusAfter[row.last_stage] : 'received',
  subject: row.subject,
  channel: row.channel,
  customerId: row.customer_id,
  createdAt: isoTime(row.created_at),
  priority: optional(row.priority),
  queue: optional(row.queue),
  routedAt: row.routed_at ? isoTime(row.routed_at) : undefined,
});

export const ticketListing = (sql: Sql): Pick<Store['tickets'], 'list'> => ({
  list: (tenantId, filter, { after, limit }) =>
    sql.transaction(
      async (tx) => {
        if (after !== undefined) {
          const known = await tx.query('SELECT 1 FROM tickets WHERE tenant_id = $1 AND id = $2', [tenantId, after]);
          if (known.rows.length === 0) return null;
        }
        const { rows } = await tx.query<ListedRow>(LIST, [
          tenantId,
          pipelineStages,
          after ?? null,
          filter.status !== undefined,
          filter.status === undefined ? null : lastStageOf(filter.status),
          filter.queue ?? null,
          filter.priority ?? null,
          filter.routedSince ?? null,
          // One more than asked tells whether another page follows.
          limit + 1,
        ]);
        const tickets = rows.slice(0, limit).map(summaryOf);
        return { tickets, next: rows.length > limit ? tickets.at(-1)!.id : undefined };
      },
      { tenantId },
    ),
});
