import type { NewRtTicket, RtTicket, RtTicketsRepository } from '../rt-types.ts';
import type { Sql } from '../sql-types.ts';
import { optional } from './rows.ts';

const COLUMNS = 'tenant_id, ticket_id, state, rt_id, queue, tier, requester, first_responded';

interface Row {
  tenant_id: string;
  ticket_id: string;
  state: RtTicket['state'];
  rt_id: number | null;
  queue: string;
  tier: number;
  requester: string | null;
  first_responded: boolean;
}

const toTicket = (r: Row): RtTicket => ({
  tenantId: r.tenant_id,
  ticketId: r.ticket_id,
  state: r.state,
  rtId: optional(r.rt_id),
  queue: r.queue,
  tier: r.tier,
  requester: optional(r.requester),
  firstResponded: r.first_responded,
});

export const rtTicketsRepository = (sql: Sql): RtTicketsRepository => ({
  async claim(t: NewRtTicket) {
    const inserted = await sql.query<Row>(
      `INSERT INTO rt_tickets (tenant_id, ticket_id, state, queue, tier, requester) VALUES ($1, $2, 'creating', $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [t.tenantId, t.ticketId, t.queue, t.tier, t.requester ?? null],
    );
    if (inserted.rows[0]) return { row: toTicket(inserted.rows[0]), claimed: true };
    const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM rt_tickets WHERE tenant_id = $1 AND ticket_id = $2`, [
      t.tenantId,
      t.ticketId,
    ]);
    if (!rows[0]) throw new Error(`rt_tickets row of ${t.tenantId}/${t.ticketId} vanished while claimed`);
    return { row: toTicket(rows[0]), claimed: false };
  },

  async created(tenantId, ticketId, rtId) {
    await sql.query(`UPDATE rt_tickets SET state = 'created', rt_id = $3, updated_at = now() WHERE tenant_id = $1 AND ticket_id = $2`, [
      tenantId,
      ticketId,
      rtId,
    ]);
  },

  async byRtIds(rtIds) {
    if (rtIds.length === 0) return [];
    const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM rt_tickets WHERE rt_id = ANY($1::integer[])`, [rtIds]);
    return rows.map(toTicket);
  },

  async cursor(source) {
    const { rows } = await sql.query<{ last_transaction_id: string }>('SELECT last_transaction_id FROM rt_cursors WHERE source = $1', [
      source,
    ]);
    return Number(rows[0]?.last_transaction_id ?? 0);
  },

  async advance(source, lastTransactionId, firstResponded) {
    await sql.transaction(async (tx) => {
      for (const t of firstResponded) {
        await tx.query('UPDATE rt_tickets SET first_responded = true, updated_at = now() WHERE tenant_id = $1 AND ticket_id = $2', [
          t.tenantId,
          t.ticketId,
        ]);
      }
      // GREATEST: a slower instance finishing an older page never moves the cursor back.
      await tx.query(
        `INSERT INTO rt_cursors (source, last_transaction_id) VALUES ($1, $2)
         ON CONFLICT (source) DO UPDATE SET last_transaction_id = GREATEST(rt_cursors.last_transaction_id, EXCLUDED.last_transaction_id)`,
        [source, lastTransactionId],
      );
    });
  },
});
