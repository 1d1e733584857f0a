import type { IncidentMembership, IncidentsRepository } from '../problem-types.ts';
import type { Sql } from '../sql-types.ts';
import { isoTime } from './rows.ts';

/**
 * The open incident a report belongs to: reported within the window of its last report, and of the
 * same category or holding a member whose vector is near the report's. The newest wins.
 */
const MATCH_SQL = `
  SELECT i.id FROM incidents i
  WHERE i.tenant_id = $1 AND i.last_report_at >= $2::timestamptz - make_interval(secs => $3)
    AND (($4 AND i.category = $5) OR EXISTS (
      SELECT 1 FROM incident_members m
      JOIN ticket_vectors v ON v.tenant_id = m.tenant_id AND v.ticket_id = m.ticket_id
      JOIN ticket_vectors me ON me.tenant_id = $1 AND me.ticket_id = $6
      WHERE m.tenant_id = $1 AND m.incident_id = i.id AND 1 - (v.embedding <=> me.embedding) >= $7
    ))
  ORDER BY i.last_report_at DESC, i.id
  LIMIT 1`;

const membershipOf = async (tx: Sql, tenantId: string, ticketId: string): Promise<IncidentMembership | undefined> => {
  const { rows } = await tx.query<{ id: string; opened_by: string; first: Date; last: Date; tickets: number; customers: string[] }>(
    `SELECT i.id, i.opened_by, i.first_report_at AS first, i.last_report_at AS last,
            (SELECT count(*)::int FROM incident_members a WHERE a.tenant_id = $1 AND a.incident_id = i.id) AS tickets,
            (SELECT array_agg(DISTINCT a.customer_id ORDER BY a.customer_id) FROM incident_members a WHERE a.tenant_id = $1 AND a.incident_id = i.id) AS customers
     FROM incident_members m JOIN incidents i ON i.tenant_id = m.tenant_id AND i.id = m.incident_id
     WHERE m.tenant_id = $1 AND m.ticket_id = $2`,
    [tenantId, ticketId],
  );
  const r = rows[0];
  return (
    r && {
      incidentId: r.id,
      action: r.opened_by === ticketId ? 'opened' : 'joined',
      tickets: r.tickets,
      customers: r.customers,
      firstReportAt: isoTime(r.first),
      lastReportAt: isoTime(r.last),
    }
  );
};

export const incidentsRepository = (sql: Sql): IncidentsRepository => ({
  report: (tenantId, report, match) =>
    sql.transaction(
      async (tx) => {
        // One writer per tenant at a time: simultaneous reports of one outage must see each other.
        await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('incidents:' || $1, 0))", [tenantId]);
        const known = await membershipOf(tx, tenantId, report.ticketId);
        if (known) return known;
        const { rows } = await tx.query<{ id: string }>(MATCH_SQL, [
          tenantId,
          report.reportedAt,
          match.windowMs / 1000,
          match.byCategory,
          report.category,
          report.ticketId,
          match.minSimilarity,
        ]);
        const incidentId = rows[0]?.id ?? `inc-${report.ticketId}`;
        await tx.query(
          `INSERT INTO incidents (tenant_id, id, category, opened_by, first_report_at, last_report_at)
           VALUES ($1, $2, $3, $4, $5, $5)
           ON CONFLICT (tenant_id, id) DO UPDATE SET first_report_at = least(incidents.first_report_at, EXCLUDED.first_report_at),
             last_report_at = greatest(incidents.last_report_at, EXCLUDED.last_report_at)`,
          [tenantId, incidentId, report.category, report.ticketId, report.reportedAt],
        );
        await tx.query('INSERT INTO incident_members (tenant_id, ticket_id, incident_id, customer_id) VALUES ($1, $2, $3, $4)', [
          tenantId,
          report.ticketId,
          incidentId,
          report.customerId,
        ]);
        return (await membershipOf(tx, tenantId, report.ticketId))!;
      },
      { tenantId },
    ),
});
