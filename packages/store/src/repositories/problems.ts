import type {
  ProblemNeighbourhood,
  ProblemsRepository,
  ProblemTicket,
  ProblemView,
  ProblemWrite,
  StoredProblem,
} from '../problem-types.ts';
import type { Sql } from '../sql-types.ts';
import { insertEvents } from './outbox.ts';
import { isoTime, json, optional } from './rows.ts';

interface TicketRow {
  ticket_id: string;
  customer_id: string;
  category: string;
  product_area: string;
  subject: string;
  error_strings: string[];
  versions: string[];
  excerpt: string;
  routed_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
}

interface ProblemRow {
  id: string;
  state: 'open' | 'resolved';
  category: string;
  signature: string[];
  record: unknown;
  opened_at: Date;
  updated_at: Date;
}

const ticketOf = (r: TicketRow): ProblemTicket => ({
  ticketId: r.ticket_id,
  customerId: r.customer_id,
  category: r.category,
  productArea: r.product_area,
  subject: r.subject,
  errorStrings: r.error_strings,
  versions: r.versions,
  excerpt: r.excerpt,
  routedAt: isoTime(r.routed_at),
  resolvedAt: r.resolved_at ? isoTime(r.resolved_at) : undefined,
  resolution: optional(r.resolution),
});

const problemOf = <R>(r: ProblemRow): StoredProblem<R> => ({
  id: r.id,
  state: r.state,
  category: r.category,
  signature: r.signature,
  record: r.record as R,
});

const lockTenant = (tx: Sql, tenantId: string) =>
  tx.query("SELECT pg_advisory_xact_lock(hashtextextended('problems:' || $1, 0))", [tenantId]);

const TICKET_COLUMNS =
  'ticket_id, customer_id, category, product_area, subject, error_strings, versions, excerpt, routed_at, resolved_at, resolution';

/**
 * Unassigned tickets of the window near the new one: its nearest recent vectors (the HNSW index
 * when the window is big, an exact scan of the recent ones when it is small: the planner picks),
 * then the window's unassigned tickets among them. A vector is stored after its ticket arrived, so
 * filtering vectors by when they were stored never drops a ticket of the window.
 */
const CANDIDATES_SQL = `
  WITH me AS MATERIALIZED (
    SELECT embedding FROM ticket_vectors WHERE tenant_id = $1 AND ticket_id = $2
  ), nearest AS MATERIALIZED (
    SELECT hit.ticket_id, hit.distance
    FROM me CROSS JOIN LATERAL (
      SELECT v.ticket_id, v.embedding <=> me.embedding AS distance
      FROM ticket_vectors v
      WHERE v.tenant_id = $1 AND v.created_at >= $3::timestamptz AND v.ticket_id <> $2
      ORDER BY v.embedding <=> me.embedding
      LIMIT $5
    ) hit
  )
  SELECT ${TICKET_COLUMNS.split(', ')
    .map((c) => `p.${c}`)
    .join(', ')}, 1 - n.distance AS similarity
  FROM nearest n
  JOIN problem_tickets p ON p.tenant_id = $1 AND p.ticket_id = n.ticket_id
  WHERE p.problem_id IS NULL AND p.routed_at >= $3::timestamptz AND 1 - n.distance >= $4
  ORDER BY n.distance, p.ticket_id`;

/** Open problems, each compared by its latest members: a problem of thousands is not read whole per ticket. */
const OPEN_SQL = `
  SELECT pr.id, pr.state, pr.category, pr.signature, pr.record, max(1 - (v.embedding <=> me.embedding)) AS similarity
  FROM problems pr
  CROSS JOIN LATERAL (
    SELECT p.ticket_id FROM problem_tickets p
    WHERE p.tenant_id = pr.tenant_id AND p.problem_id = pr.id
    ORDER BY p.routed_at DESC LIMIT $3
  ) m
  JOIN ticket_vectors v ON v.tenant_id = $1 AND v.ticket_id = m.ticket_id
  JOIN ticket_vectors me ON me.tenant_id = $1 AND me.ticket_id = $2
  WHERE pr.tenant_id = $1 AND pr.state = 'open'
  GROUP BY pr.id, pr.state, pr.category, pr.signature, pr.record
  ORDER BY similarity DESC, pr.id`;

/** The nearest tickets of the window handed to `decide`; enough to pass any threshold. */
const MAX_CANDIDATES = 500;
/** The latest members of an open problem a new ticket is compared with. */
const COMPARED_MEMBERS = 50;

const COUNTS_SQL = `
  SELECT count(*) FILTER (WHERE routed_at >= $3::timestamptz)::int AS in_window,
         count(*) FILTER (WHERE routed_at < $3::timestamptz)::int AS history,
         coalesce(extract(epoch FROM ($3::timestamptz - least(min(routed_at), $3::timestamptz))) * 1000, 0)::float8 AS history_since_ms
  FROM problem_tickets
  WHERE tenant_id = $1 AND category = $2 AND routed_at >= $3::timestamptz - make_interval(secs => $4)`;

const writeProblem = async <R>(tx: Sql, tenantId: string, write: ProblemWrite<R, unknown>): Promise<void> => {
  if (write.problem) {
    const { value, members } = write.problem;
    await tx.query(
      `INSERT INTO problems (tenant_id, id, state, category, signature, record) VALUES ($1, $2, $3, $4, $5::text[], $6::jsonb)
       ON CONFLICT (tenant_id, id) DO UPDATE SET state = EXCLUDED.state, signature = EXCLUDED.signature, record = EXCLUDED.record, updated_at = now()`,
      [tenantId, value.id, value.state, value.category, value.signature, json(value.record)],
    );
    await tx.query('UPDATE problem_tickets SET problem_id = $2 WHERE tenant_id = $1 AND ticket_id = ANY($3::text[])', [
      tenantId,
      value.id,
      members,
    ]);
  }
  await insertEvents(tx, tenantId, write.events);
};

const readViews = async <R>(tx: Sql, tenantId: string, problems: ProblemRow[]): Promise<ProblemView<R>[]> => {
  const { rows } = await tx.query<TicketRow & { problem_id: string }>(
    `SELECT problem_id, ${TICKET_COLUMNS} FROM problem_tickets WHERE tenant_id = $1 AND problem_id = ANY($2::text[]) ORDER BY routed_at, ticket_id`,
    [tenantId, problems.map((p) => p.id)],
  );
  const members = Map.groupBy(rows, (r) => r.problem_id);
  return problems.map((p) => ({
    ...problemOf<R>(p),
    members: (members.get(p.id) ?? []).map(ticketOf),
    openedAt: isoTime(p.opened_at),
    updatedAt: isoTime(p.updated_at),
  }));
};

export const problemsRepository = (sql: Sql, { iterativeScan }: { iterativeScan: boolean }): ProblemsRepository => {
  const settings: Record<string, string> = { 'hnsw.ef_search': String(MAX_CANDIDATES / 5) };
  // The window's vectors are few among the tenant's: keep scanning the index until they are found.
  if (iterativeScan) settings['hnsw.iterative_scan'] = 'relaxed_order';
  return {
    observe: (tenantId, ticket, window, decide) =>
      sql.transaction(
        async (tx) => {
          await lockTenant(tx, tenantId);
          const { rows: inserted } = await tx.query(
            `INSERT INTO problem_tickets (tenant_id, ticket_id, customer_id, category, product_area, subject, error_strings, versions, excerpt, routed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9, $10)
           ON CONFLICT (tenant_id, ticket_id) DO NOTHING RETURNING ticket_id`,
            [
              tenantId,
              ticket.ticketId,
              ticket.customerId,
              ticket.category,
              ticket.productArea,
              ticket.subject,
              ticket.errorStrings,
              ticket.versions,
              ticket.excerpt,
              ticket.routedAt,
            ],
          );
          type R = Parameters<typeof decide>[0] extends ProblemNeighbourhood<infer X> ? X : never;
          if (!inserted.length) {
            return decide({ seen: true, candidates: [], open: [], categoryCounts: { inWindow: 0, history: 0, historySinceMs: 0 } }).result;
          }
          const { rows: candidates } = await tx.query<TicketRow & { similarity: number }>(CANDIDATES_SQL, [
            tenantId,
            ticket.ticketId,
            window.since,
            window.minSimilarity,
            MAX_CANDIDATES,
          ]);
          const { rows: open } = await tx.query<ProblemRow & { similarity: number }>(OPEN_SQL, [
            tenantId,
            ticket.ticketId,
            COMPARED_MEMBERS,
          ]);
          const { rows: counts } = await tx.query<{ in_window: number; history: number; history_since_ms: number }>(COUNTS_SQL, [
            tenantId,
            ticket.category,
            window.since,
            window.historyMs / 1000,
          ]);
          const write = decide({
            seen: false,
            candidates: candidates.map((r) => ({ ...ticketOf(r), similarity: r.similarity })),
            open: open.map((r) => ({ ...problemOf<R>(r), similarity: r.similarity })),
            categoryCounts: {
              inWindow: counts[0]?.in_window ?? 0,
              history: counts[0]?.history ?? 0,
              historySinceMs: counts[0]?.history_since_ms ?? 0,
            },
          });
          await writeProblem(tx, tenantId, write);
          return write.result;
        },
        { tenantId, settings },
      ),

    resolveMember: (tenantId, resolution, decide) =>
      sql.transaction(
        async (tx) => {
          await lockTenant(tx, tenantId);
          const { rows } = await tx.query<ProblemRow>(
            `WITH member AS (
             UPDATE problem_tickets SET resolved_at = $3::timestamptz, resolution = coalesce($4, resolution)
             WHERE tenant_id = $1 AND ticket_id = $2 RETURNING problem_id
           )
           SELECT pr.id, pr.state, pr.category, pr.signature, pr.record, pr.opened_at, pr.updated_at
           FROM member JOIN problems pr ON pr.tenant_id = $1 AND pr.id = member.problem_id WHERE pr.state = 'open'`,
            [tenantId, resolution.ticketId, resolution.at, resolution.notes ?? null],
          );
          if (!rows.length) return undefined;
          const [view] = await readViews<Parameters<typeof decide>[0]['record']>(tx, tenantId, rows);
          const write = decide(view!);
          await writeProblem(tx, tenantId, write);
          return write.result;
        },
        { tenantId },
      ),

    list: (tenantId, { state, limit }) =>
      sql.transaction(
        async (tx) => {
          const { rows } = await tx.query<ProblemRow>(
            `SELECT id, state, category, signature, record, opened_at, updated_at FROM problems
           WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2) ORDER BY opened_at DESC, id LIMIT $3`,
            [tenantId, state ?? null, limit],
          );
          return readViews(tx, tenantId, rows);
        },
        { tenantId },
      ),

    get: <R>(tenantId: string, id: string) =>
      sql.transaction(
        async (tx) => {
          const { rows } = await tx.query<ProblemRow>(
            'SELECT id, state, category, signature, record, opened_at, updated_at FROM problems WHERE tenant_id = $1 AND id = $2',
            [tenantId, id],
          );
          const [view] = await readViews<R>(tx, tenantId, rows);
          return view ?? null;
        },
        { tenantId },
      ),
  };
};
