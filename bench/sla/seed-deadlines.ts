import type { Sql } from '@triage/store';

export interface SeedOptions {
  tenantId: string;
  /** Ticket ids are `${prefix}${n}` for n in [from, to]. */
  prefix: string;
  from: number;
  to: number;
  /** When ticket n turns at risk, as SQL over `i` (n) and `$2` (the base time). */
  atRiskAt: string;
}

/**
 * Open resolution deadlines written by one INSERT … SELECT over generate_series: a million rows
 * in seconds, where a row at a time would take the bench's whole budget.
 */
export const seedDeadlines = async (sql: Sql, base: Date, { tenantId, prefix, from, to, atRiskAt }: SeedOptions): Promise<void> => {
  await sql.query(
    `INSERT INTO sla_deadlines (tenant_id, ticket_id, kind, window_no, queue, priority, customer_tier, window_minutes, at_risk_at, due_at, stage, next_fire_at)
     SELECT $1, $3 || i, 'resolution', 1, 'tier2-bugs', 'P3', 'pro', 480, a, a + interval '2 hours', 'open', a
     FROM generate_series($4::int, $5::int) AS i, LATERAL (SELECT ${atRiskAt} AS a) AS t`,
    [tenantId, base.toISOString(), prefix, from, to],
  );
};
