import type { LifecycleReport, Priority } from '@triage/contracts';
import { ReportIdTaken } from '../report-id-taken.ts';
import type { LifecycleEntry, LifecycleWrite, Store, TicketOutcome } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { insertExamples } from './examples.ts';
import { insertEvents } from './outbox.ts';
import { isoTime, json, optional } from './rows.ts';
import { storedTickets } from './stored-tickets.ts';

/** The timelines of the tenant's tickets of `ids` that have reports, each in order of arrival, by ticket id. */
const readTimelines = async (tx: Sql, tenantId: string, ids: readonly string[]): Promise<Map<string, LifecycleEntry[]>> => {
  const { rows } = await tx.query<{ ticket_id: string; seq: string | number; report: LifecycleReport; received_at: Date }>(
    'SELECT ticket_id, seq, report, received_at FROM ticket_lifecycle WHERE tenant_id = $1 AND ticket_id = ANY($2::text[]) ORDER BY seq',
    [tenantId, ids],
  );
  const byTicket = Map.groupBy(rows, (r) => r.ticket_id);
  return new Map(
    [...byTicket].map(([ticketId, entries]) => [
      ticketId,
      entries.map((r) => ({ report: r.report, receivedAt: isoTime(r.received_at), seq: Number(r.seq) })),
    ]),
  );
};

const insertReports = async (tx: Sql, tenantId: string, reports: LifecycleWrite<unknown>['reports']): Promise<void> => {
  if (!reports.length) return;
  // A report id another ticket holds (or takes concurrently: the index makes this insert wait, or
  // an earlier row of this insert) is skipped here and refused below, so the transaction rolls
  // back rather than raising a bare unique violation. Rows go in in order: `seq` is arrival.
  const { rows } = await tx.query<{ ticket_id: string; report_id: string }>(
    `INSERT INTO ticket_lifecycle (tenant_id, ticket_id, report_id, type, occurred_at, report)
     SELECT $1, r.ticket_id, r.report ->> 'id', r.report ->> 'type', (r.report ->> 'occurredAt')::timestamptz, r.report
     FROM (
       SELECT u.ticket_id, u.report::jsonb AS report, u.ord
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u(ticket_id, report, ord)
     ) AS r
     ORDER BY r.ord
     ON CONFLICT (tenant_id, report_id) DO NOTHING RETURNING ticket_id, report_id`,
    [tenantId, reports.map((r) => r.ticketId), reports.map((r) => json(r.report))],
  );
  const inserted = new Set(rows.map((r) => JSON.stringify([r.ticket_id, r.report_id])));
  const taken = reports.find((r) => !inserted.has(JSON.stringify([r.ticketId, r.report.id])));
  if (taken) throw new ReportIdTaken(taken.report.id, taken.ticketId);
};

const upsertOutcomes = async (tx: Sql, tenantId: string, outcomes: ReadonlyMap<string, TicketOutcome>): Promise<void> => {
  if (!outcomes.size) return;
  const rows = [...outcomes];
  await tx.query(
    `INSERT INTO ticket_outcomes (tenant_id, ticket_id, category, priority, tier)
     SELECT $1, o.ticket_id, o.category, o.priority, o.tier
     FROM unnest($2::text[], $3::text[], $4::text[], $5::smallint[]) AS o(ticket_id, category, priority, tier)
     ON CONFLICT (tenant_id, ticket_id) DO UPDATE
     SET category = EXCLUDED.category, priority = EXCLUDED.priority, tier = EXCLUDED.tier, updated_at = now()`,
    [
      tenantId,
      rows.map(([ticketId]) => ticketId),
      rows.map(([, o]) => o.category ?? null),
      rows.map(([, o]) => o.priority ?? null),
      rows.map(([, o]) => o.tier ?? null),
    ],
  );
};

export const lifecycleRepository = (sql: Sql): Store['lifecycle'] => ({
  apply: (tenantId, ticketIds, decide) =>
    sql.transaction(
      async (tx) => {
        // Locked in id order, so two calls over overlapping tickets cannot each hold one the other waits for.
        const { rows } = await tx.query<{ id: string }>(
          'SELECT id FROM tickets WHERE tenant_id = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE',
          [tenantId, [...new Set(ticketIds)]],
        );
        const ids = rows.map((r) => r.id);
        const stored = await storedTickets(tx, tenantId, ids);
        const timelines = await readTimelines(tx, tenantId, ids);
        const write = decide(new Map(ids.map((id) => [id, { stored: stored.get(id)!, timeline: timelines.get(id) ?? [] }])));
        await insertReports(tx, tenantId, write.reports);
        await insertEvents(tx, tenantId, write.events);
        await insertExamples(tx, tenantId, write.examples);
        await upsertOutcomes(tx, tenantId, write.outcomes);
        return write.result;
      },
      { tenantId },
    ),

  timeline: (tenantId, ticketId) =>
    sql.transaction(async (tx) => (await readTimelines(tx, tenantId, [ticketId])).get(ticketId) ?? [], { tenantId }),

  outcome: (tenantId, ticketId) =>
    sql.transaction(
      async (tx): Promise<TicketOutcome | null> => {
        const { rows } = await tx.query<{ category: string | null; priority: Priority | null; tier: number | null }>(
          'SELECT category, priority, tier FROM ticket_outcomes WHERE tenant_id = $1 AND ticket_id = $2',
          [tenantId, ticketId],
        );
        const r = rows[0];
        return r ? { category: optional(r.category), priority: optional(r.priority), tier: optional(r.tier) } : null;
      },
      { tenantId },
    ),
});
