import { randomUUID } from 'node:crypto';
import type { Sql } from '../sql-types.ts';
import type { ClaimedDelivery, DeadDelivery, WebhookEndpoint, WebhooksRepository } from '../webhook-types.ts';
import { isoTime, json } from './rows.ts';

const ENDPOINT_COLUMNS = 'id, tenant_id, url, event_types, enabled, created_at';

interface EndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  event_types: string[];
  enabled: boolean;
  created_at: Date | string;
}

const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  tenantId: r.tenant_id,
  url: r.url,
  eventTypes: r.event_types,
  enabled: r.enabled,
  createdAt: isoTime(r.created_at),
});

interface ClaimedRow {
  id: string;
  endpoint_id: string;
  url: string;
  secret: string;
  event_id: string;
  event_type: string;
  ticket_id: string;
  body: string;
  attempts: number;
}

// Each enabled endpoint contributes its oldest due deliveries, up to what its cap leaves once the
// leases still running anywhere are counted: an endpoint with a thousand due retries takes no more
// senders than one with a single new event. A delivery waits while an earlier one of the same
// (endpoint, ticket) is pending, so a ticket's events arrive in order. The candidates are then
// locked SKIP LOCKED, so senders never wait on each other nor take the same row.
const CLAIM = `
  WITH candidates AS (
    SELECT c.id, c.next_attempt_at FROM webhook_endpoints ep
    CROSS JOIN LATERAL (
      SELECT d.id, d.next_attempt_at FROM webhook_deliveries d
      WHERE d.endpoint_id = ep.id AND d.status = 'pending' AND d.next_attempt_at <= now()
        -- A subquery per row, not NOT EXISTS: the planner turned that into an anti-join reading
        -- every pending row of the endpoint for each candidate.
        AND d.id = (
          SELECT min(e.id) FROM webhook_deliveries e
          WHERE e.endpoint_id = d.endpoint_id AND e.ticket_id = d.ticket_id AND e.status = 'pending'
        )
      ORDER BY d.next_attempt_at, d.id
      LIMIT greatest(0, $2 - (
        SELECT count(*) FROM webhook_deliveries f
        WHERE f.endpoint_id = ep.id AND f.leased_until IS NOT NULL AND f.leased_until > now()
      ))
    ) c
    WHERE ep.enabled
    ORDER BY c.next_attempt_at, c.id
    LIMIT $1
  ),
  locked AS (
    SELECT d.id FROM webhook_deliveries d JOIN candidates USING (id)
    WHERE d.status = 'pending' AND d.next_attempt_at <= now()
    FOR UPDATE OF d SKIP LOCKED
  )
  UPDATE webhook_deliveries d
  SET attempts = d.attempts + 1,
      leased_until = now() + $3 * interval '1 millisecond',
      next_attempt_at = now() + $3 * interval '1 millisecond'
  FROM locked, webhook_endpoints ep
  WHERE d.id = locked.id AND ep.id = d.endpoint_id
  RETURNING d.id::text, d.endpoint_id, ep.url, ep.secret, d.event_id, d.event_type, d.ticket_id, d.body, d.attempts`;

const toClaimed = (r: ClaimedRow): ClaimedDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  url: r.url,
  secret: r.secret,
  eventId: r.event_id,
  eventType: r.event_type,
  ticketId: r.ticket_id,
  body: r.body,
  attempt: r.attempts,
});

interface DeadRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  ticket_id: string;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
  finished_at: Date | string;
}

const toDead = (r: DeadRow): DeadDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  ticketId: r.ticket_id,
  attempts: r.attempts,
  reason: r.last_error ?? '',
  createdAt: isoTime(r.created_at),
  diedAt: isoTime(r.finished_at),
});

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

export const webhooksRepository = (sql: Sql): WebhooksRepository => ({
  createEndpoint: async ({ tenantId, url, eventTypes, secret }) => {
    const { rows } = await sql.query<EndpointRow>(
      `INSERT INTO webhook_endpoints (id, tenant_id, url, event_types, secret) VALUES ($1, $2, $3, $4::text[], $5) RETURNING ${ENDPOINT_COLUMNS}`,
      [randomUUID(), tenantId, url, eventTypes, secret],
    );
    return toEndpoint(rows[0]!);
  },

  listEndpoints: async (tenantId) => {
    const { rows } = await sql.query<EndpointRow>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 ORDER BY created_at, id`,
      [tenantId],
    );
    return rows.map(toEndpoint);
  },

  getEndpoint: async (id) => {
    if (!UUID.test(id)) return null;
    const { rows } = await sql.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`, [id]);
    return rows[0] ? toEndpoint(rows[0]) : null;
  },

  setEnabled: async (id, enabled) => {
    if (!UUID.test(id)) return false;
    const { rows } = await sql.query('UPDATE webhook_endpoints SET enabled = $2 WHERE id = $1 RETURNING id', [id, enabled]);
    return rows.length > 0;
  },

  enqueue: async (events) => {
    if (events.length === 0) return 0;
    // One statement for the batch, in the events' order, so ids (the send order) follow it.
    const { rows } = await sql.query<{ n: number }>(
      `WITH inserted AS (
         INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, ticket_id, body)
         SELECT ep.id, ev.e->>'id', ev.e->>'type', ev.e->>'ticket_id', ev.e->>'body'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS ev(e, n)
         JOIN webhook_endpoints ep ON ep.tenant_id = ev.e->>'tenant_id' AND ep.enabled AND ev.e->>'type' = ANY (ep.event_types)
         ORDER BY ev.n, ep.id
         ON CONFLICT (endpoint_id, event_id) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM inserted`,
      [json(events.map((e) => ({ tenant_id: e.tenantId, id: e.id, type: e.type, ticket_id: e.ticketId, body: e.body })))],
    );
    return rows[0]?.n ?? 0;
  },

  claim: async (limit, perEndpoint, leaseMs) => {
    const { rows } = await sql.query<ClaimedRow>(CLAIM, [limit, perEndpoint, leaseMs]);
    return rows.map(toClaimed).sort((a, b) => Number(a.id) - Number(b.id));
  },

  delivered: async (id) => {
    await sql.query(
      `UPDATE webhook_deliveries SET status = 'delivered', leased_until = NULL, last_error = NULL, finished_at = now() WHERE id = $1`,
      [id],
    );
  },

  failed: async (id, reason, retryAt) => {
    await sql.query(
      `UPDATE webhook_deliveries SET leased_until = NULL, last_error = $2,
         status = CASE WHEN $3::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
         next_attempt_at = coalesce($3::timestamptz, next_attempt_at),
         finished_at = CASE WHEN $3::timestamptz IS NULL THEN now() END
       WHERE id = $1`,
      [id, reason, retryAt?.toISOString() ?? null],
    );
  },

  listDead: async (endpointId, limit) => {
    if (!UUID.test(endpointId)) return [];
    const { rows } = await sql.query<DeadRow>(
      `SELECT id::text, endpoint_id, event_id, event_type, ticket_id, attempts, last_error, created_at, finished_at
       FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'dead' ORDER BY id LIMIT $2`,
      [endpointId, limit],
    );
    return rows.map(toDead);
  },

  replayDead: async (endpointId, deliveryId) => {
    if (!UUID.test(endpointId) || (deliveryId !== undefined && !/^\d{1,18}$/.test(deliveryId))) return 0;
    const { rows } = await sql.query(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), finished_at = NULL
       WHERE endpoint_id = $1 AND status = 'dead' AND ($2::bigint IS NULL OR id = $2::bigint) RETURNING id`,
      [endpointId, deliveryId ?? null],
    );
    return rows.length;
  },

  counts: async (endpointId) => {
    const { rows } = await sql.query<{ status: 'pending' | 'delivered' | 'dead'; n: number }>(
      'SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY status',
      [endpointId],
    );
    const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
    return { pending: count('pending'), delivered: count('delivered'), dead: count('dead') };
  },
});
