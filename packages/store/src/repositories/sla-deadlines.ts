import type { SlaChange, SlaDeadline, SlaDeadlinesRepository } from '../sla-types.ts';
import type { OutgoingEvent } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { insertEvents } from './outbox.ts';
import { isoTime, json } from './rows.ts';

const COLUMNS = `tenant_id, ticket_id, kind, window_no, queue, priority, customer_tier, window_minutes, at_risk_at, due_at, stage,
  next_fire_at, paused_at, at_risk_left_minutes, due_left_minutes`;

interface Row {
  tenant_id: string;
  ticket_id: string;
  kind: SlaDeadline['kind'];
  window_no: number;
  queue: string;
  priority: SlaDeadline['priority'];
  customer_tier: SlaDeadline['customerTier'];
  window_minutes: number;
  at_risk_at: Date | string;
  due_at: Date | string;
  stage: SlaDeadline['stage'];
  next_fire_at: Date | string | null;
  paused_at: Date | string | null;
  at_risk_left_minutes: number | null;
  due_left_minutes: number | null;
}

const toDeadline = (r: Row): SlaDeadline => ({
  tenantId: r.tenant_id,
  ticketId: r.ticket_id,
  kind: r.kind,
  window: r.window_no,
  queue: r.queue,
  priority: r.priority,
  customerTier: r.customer_tier,
  windowMinutes: r.window_minutes,
  atRiskAt: isoTime(r.at_risk_at),
  dueAt: isoTime(r.due_at),
  stage: r.stage,
  nextFireAt: r.next_fire_at === null ? null : isoTime(r.next_fire_at),
  pause:
    r.paused_at === null
      ? null
      : { since: isoTime(r.paused_at), atRiskLeftMinutes: r.at_risk_left_minutes ?? 0, dueLeftMinutes: r.due_left_minutes ?? 0 },
});

const toRow = (d: SlaDeadline): Row => ({
  tenant_id: d.tenantId,
  ticket_id: d.ticketId,
  kind: d.kind,
  window_no: d.window,
  queue: d.queue,
  priority: d.priority,
  customer_tier: d.customerTier,
  window_minutes: d.windowMinutes,
  at_risk_at: d.atRiskAt,
  due_at: d.dueAt,
  stage: d.stage,
  next_fire_at: d.nextFireAt,
  paused_at: d.pause?.since ?? null,
  at_risk_left_minutes: d.pause?.atRiskLeftMinutes ?? null,
  due_left_minutes: d.pause?.dueLeftMinutes ?? null,
});

// One statement writes any number of rows: they travel as one jsonb array of records.
const RECORDS = `jsonb_to_recordset($1::jsonb) AS d(tenant_id text, ticket_id text, kind text, window_no integer, queue text,
  priority text, customer_tier text, window_minutes double precision, at_risk_at timestamptz, due_at timestamptz, stage text,
  next_fire_at timestamptz, paused_at timestamptz, at_risk_left_minutes double precision, due_left_minutes double precision)`;

const insert = (sql: Sql, deadlines: SlaDeadline[], onConflict: string) =>
  sql.query(
    `INSERT INTO sla_deadlines (${COLUMNS}) SELECT ${COLUMNS} FROM ${RECORDS} ON CONFLICT (tenant_id, ticket_id, kind) ${onConflict}`,
    [json(deadlines.map(toRow))],
  );

const KEY = ['tenant_id', 'ticket_id', 'kind'];
const UPDATE_ALL = `DO UPDATE SET ${COLUMNS.split(',')
  .map((c) => c.trim())
  .filter((c) => !KEY.includes(c))
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ')}, updated_at = now()`;

const save = async (sql: Sql, deadlines: SlaDeadline[]) => {
  if (deadlines.length > 0) await insert(sql, deadlines, UPDATE_ALL);
};

const byTenant = (events: OutgoingEvent[]): Map<string, OutgoingEvent[]> => {
  const groups = new Map<string, OutgoingEvent[]>();
  for (const e of events) {
    const group = groups.get(e.event.tenantId) ?? [];
    group.push(e);
    groups.set(e.event.tenantId, group);
  }
  return groups;
};

// Opening a ticket's deadlines and changing them take the same per-ticket lock, so a change is
// either held before the deadlines open (and applied by the opening) or applied to them after. Two
// tickets whose keys collide only wait for each other.
const lockTickets = (tx: Sql, tickets: { tenantId: string; ticketId: string }[]) =>
  tx.query(
    `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(t, 7412349) AS k FROM unnest($1::text[]) AS t ORDER BY k) AS s`,
    [tickets.map((t) => `${t.tenantId}:${t.ticketId}`)],
  );

const lockedDeadlines = async (tx: Sql, tenantId: string, ticketId: string) => {
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM sla_deadlines WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY kind FOR UPDATE`,
    [tenantId, ticketId],
  );
  return rows.map(toDeadline);
};

/** Applies changes one after another, each to the rows as the ones before left them; returns the rows that changed. */
const applyAll = <C>(deadlines: SlaDeadline[], changes: C[], apply: SlaChange<C>): SlaDeadline[] => {
  const changed = new Map<string, SlaDeadline>();
  let current = deadlines;
  for (const change of changes) {
    for (const row of apply(current, change)) changed.set(row.kind, row);
    current = current.map((row) => changed.get(row.kind) ?? row);
  }
  return [...changed.values()];
};

export const slaDeadlinesRepository = (sql: Sql): SlaDeadlinesRepository => ({
  open: (deadlines, apply) =>
    sql.transaction(async (tx) => {
      if (deadlines.length === 0) return;
      await lockTickets(tx, deadlines);
      await insert(tx, deadlines, 'DO NOTHING');
      const { rows: held } = await tx.query<{ tenant_id: string; ticket_id: string; changes: Parameters<typeof apply>[1][] }>(
        `WITH taken AS (
           DELETE FROM sla_held_changes h USING (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS t(tenant_id, ticket_id)
           WHERE h.tenant_id = t.tenant_id AND h.ticket_id = t.ticket_id RETURNING h.*
         )
         SELECT tenant_id, ticket_id, jsonb_agg(change ORDER BY id) AS changes FROM taken GROUP BY tenant_id, ticket_id`,
        [deadlines.map((d) => d.tenantId), deadlines.map((d) => d.ticketId)],
      );
      for (const { tenant_id, ticket_id, changes } of held) {
        await save(tx, applyAll(await lockedDeadlines(tx, tenant_id, ticket_id), changes, apply));
      }
    }),

  change: (tenantId, ticketId, change, apply) =>
    sql.transaction(async (tx) => {
      await lockTickets(tx, [{ tenantId, ticketId }]);
      const deadlines = await lockedDeadlines(tx, tenantId, ticketId);
      if (deadlines.length > 0) await save(tx, apply(deadlines, change));
      else
        await tx.query('INSERT INTO sla_held_changes (tenant_id, ticket_id, change) VALUES ($1, $2, $3::jsonb)', [
          tenantId,
          ticketId,
          json(change),
        ]);
    }),

  fireDue: (now, limit, fire) =>
    sql.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `SELECT ${COLUMNS} FROM sla_deadlines WHERE next_fire_at <= $1 ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (rows.length === 0) return 0;
      const { deadlines, events } = fire(rows.map(toDeadline));
      await save(tx, deadlines);
      for (const [tenantId, group] of byTenant(events)) await insertEvents(tx, tenantId, group);
      return rows.length;
    }),

  nextFireAt: async () => {
    const { rows } = await sql.query<{ at: Date | string | null }>('SELECT min(next_fire_at) AS at FROM sla_deadlines');
    const at = rows[0]?.at ?? null;
    return at === null ? null : isoTime(at);
  },

  forTicket: async (tenantId, ticketId) => {
    const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM sla_deadlines WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY kind`, [
      tenantId,
      ticketId,
    ]);
    return rows.map(toDeadline);
  },
});
