import type { DeflectionRecord, Store } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { addVote } from './kb.ts';
import { insertEvents, insertEventsStatement } from './outbox.ts';
import { isoTime, json, optional } from './rows.ts';
import { insertTicket } from './tickets.ts';

interface DeflectionRow {
  tenant_id: string;
  id: string;
  question: string;
  solutions: unknown[];
  deflectable: boolean;
  confidence: number;
  outcome: DeflectionRecord['outcome'];
  ticket_id: string | null;
  created_at: Date;
}

export const deflectionsRepository = (sql: Sql): Store['deflections'] => ({
  // The deflection and its `shown` event are written together: neither is kept without the other.
  create: async (record, events = []) => {
    await sql.oneTrip(
      [
        {
          text: `INSERT INTO deflections (tenant_id, id, question, solutions, deflectable, confidence, outcome, ticket_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          params: [
            record.tenantId,
            record.id,
            record.question,
            json(record.solutions),
            record.deflectable,
            record.confidence,
            record.outcome,
            record.ticketId ?? null,
          ],
        },
        ...insertEventsStatement(record.tenantId, events),
      ],
      { tenantId: record.tenantId },
    );
  },

  get: (tenantId, id) =>
    sql.transaction(
      async (tx): Promise<DeflectionRecord | null> => {
        const { rows } = await tx.query<DeflectionRow>(
          `SELECT tenant_id, id, question, solutions, deflectable, confidence, outcome, ticket_id, created_at
           FROM deflections WHERE tenant_id = $1 AND id = $2`,
          [tenantId, id],
        );
        const r = rows[0];
        if (!r) return null;
        return {
          id: r.id,
          tenantId: r.tenant_id,
          question: r.question,
          solutions: r.solutions,
          deflectable: r.deflectable,
          confidence: r.confidence,
          outcome: r.outcome,
          ticketId: optional(r.ticket_id),
          createdAt: isoTime(r.created_at),
        };
      },
      { tenantId },
    ),

  // The `outcome = 'shown'` condition makes the first feedback win, even when two arrive at once.
  resolve: (tenantId, id, { outcome, votedArticleId, ticket, events }) =>
    sql.transaction(
      async (tx) => {
        const { rows } = await tx.query(
          `UPDATE deflections SET outcome = $3, ticket_id = COALESCE($4, ticket_id), resolved_at = now()
           WHERE tenant_id = $1 AND id = $2 AND outcome = 'shown' RETURNING id`,
          [tenantId, id, outcome, ticket?.id ?? null],
        );
        if (rows.length === 0) return false;
        if (votedArticleId !== undefined) await addVote(tx, tenantId, votedArticleId, outcome === 'resolved');
        if (ticket) await insertTicket(tx, ticket, []);
        await insertEvents(tx, tenantId, events);
        return true;
      },
      { tenantId },
    ),
});
