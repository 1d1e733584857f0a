import type { RoutedTicket, Store } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { isoTime } from './rows.ts';
import { storedTickets } from './stored-tickets.ts';

type Feed = Pick<Store['tickets'], 'routePositionNow' | 'routePositionOf' | 'routedAfter'>;

/**
 * A tenant's routed tickets as a resumable feed. Route records are ordered by the transaction that
 * recorded them and read only below the oldest transaction still running (the snapshot's xmin):
 * every record that could still commit has a later position, so a client that resumes after the
 * last one it got misses nothing, whichever of several handoff composers commits first.
 */
export const ticketFeed = (sql: Sql): Feed => ({
  routePositionNow: async () => {
    const { rows } = await sql.query<{ xid: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xid');
    return { xid: rows[0]!.xid, ticketId: '' };
  },

  routePositionOf: (tenantId, ticketId) =>
    sql.transaction(
      async (tx) => {
        const { rows } = await tx.query<{ xid: string }>(
          "SELECT recorded_xid::text AS xid FROM ticket_stages WHERE tenant_id = $1 AND ticket_id = $2 AND stage = 'route'",
          [tenantId, ticketId],
        );
        return rows[0] ? { xid: rows[0].xid, ticketId } : null;
      },
      { tenantId },
    ),

  routedAfter: (tenantId, position, limit) =>
    sql.transaction(
      async (tx) => {
        const { rows } = await tx.query<{ ticket_id: string; xid: string; created_at: Date; settled: boolean }>(
          `SELECT r.ticket_id, r.recorded_xid::text AS xid, r.created_at, r.recorded_xid < pg_snapshot_xmin(pg_current_snapshot()) AS settled
           FROM ticket_stages r
           WHERE r.tenant_id = $1 AND r.stage = 'route' AND (r.recorded_xid, r.ticket_id) > ($2::xid8, $3::text)
           ORDER BY r.recorded_xid, r.ticket_id
           LIMIT $4`,
          [tenantId, position.xid, position.ticketId, limit],
        );
        // Settled records have the smaller transaction ids, so they come first.
        const settled = rows.filter((r) => r.settled);
        const tickets = await storedTickets(
          tx,
          tenantId,
          settled.map((r) => r.ticket_id),
        );
        const routed = settled.map(
          (r): RoutedTicket => ({
            ...tickets.get(r.ticket_id)!,
            position: { xid: r.xid, ticketId: r.ticket_id },
            routedAt: isoTime(r.created_at),
          }),
        );
        return { routed, pending: settled.length < rows.length };
      },
      { tenantId },
    ),
});
