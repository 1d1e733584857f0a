import type { RelatedQuery, RelatedTicketRow, TicketVectorInput, TicketVectorsRepository } from '../problem-types.ts';
import type { Sql, Statement } from '../sql-types.ts';
import { vectorParam } from '../vector.ts';
import { isoTime, optional } from './rows.ts';
import { sameTurnBatches } from './same-turn-batches.ts';

export interface TicketVectorsOptions {
  embeddingDim: number;
  iterativeScan: boolean;
}

/** Nearest tickets fetched per wanted one: some are dropped below as closed long ago or too far. */
export const CANDIDATES_PER_RESULT = 4;
const MIN_EF_SEARCH = 80;

/**
 * Each ticket's own vector is read by its id, so nothing travels but ids; the HNSW index gives each
 * one's nearest candidates (a lateral `ORDER BY <=> LIMIT`, the index's shape), and only they are
 * joined to their timelines: state from the last resolving, reopening or closing report, notes from
 * the last resolution. `$2` holds the tickets; rows come back by `query_number` (1-based), best first.
 */
export const RELATED_SQL = `
  WITH me AS MATERIALIZED (
    SELECT q.query_number, q.ticket_id, v.embedding
    FROM unnest($2::text[]) WITH ORDINALITY AS q(ticket_id, query_number)
    JOIN ticket_vectors v ON v.tenant_id = $1 AND v.ticket_id = q.ticket_id
  ), nearest AS MATERIALIZED (
    SELECT me.query_number, hit.ticket_id, hit.distance
    FROM me CROSS JOIN LATERAL (
      SELECT v.ticket_id, v.embedding <=> me.embedding AS distance
      FROM ticket_vectors v
      WHERE v.tenant_id = $1 AND v.ticket_id <> me.ticket_id
      ORDER BY v.embedding <=> me.embedding
      LIMIT $3
    ) hit
  ), kept AS (
    SELECT n.query_number, n.ticket_id, 1 - n.distance AS similarity, t.ticket ->> 'subject' AS subject,
           t.ticket ->> 'receivedAt' AS received_at, last.type AS last_type, last.occurred_at AS settled_at, res.notes,
           row_number() OVER (PARTITION BY n.query_number ORDER BY n.distance, n.ticket_id) AS place
    FROM nearest n
    -- The LIMIT keeps this a lookup by key for each hit: as a join, the planner could hash every
    -- ticket of the tenant first.
    CROSS JOIN LATERAL (SELECT t.ticket FROM tickets t WHERE t.tenant_id = $1 AND t.id = n.ticket_id LIMIT 1) t
    LEFT JOIN LATERAL (
      SELECT l.type, l.occurred_at FROM ticket_lifecycle l
      WHERE l.tenant_id = $1 AND l.ticket_id = n.ticket_id AND l.type IN ('resolved', 'reopened', 'closed')
      ORDER BY l.occurred_at DESC, l.seq DESC LIMIT 1
    ) last ON true
    LEFT JOIN LATERAL (
      SELECT l.report ->> 'notes' AS notes FROM ticket_lifecycle l
      WHERE l.tenant_id = $1 AND l.ticket_id = n.ticket_id AND l.type = 'resolved'
      ORDER BY l.occurred_at DESC, l.seq DESC LIMIT 1
    ) res ON true
    WHERE 1 - n.distance >= $4 AND (last.type IS NULL OR last.type = 'reopened' OR last.occurred_at >= $5::timestamptz)
  )
  SELECT * FROM kept WHERE place <= $6 ORDER BY query_number, place`;

/** The lookup's planner and index settings for `candidates` nearest per ticket. */
export const relatedSettings = (candidates: number, iterativeScan: boolean): Record<string, string> => ({
  // Wider than pgvector's default 40: the index is built sparse (m = 8) for cheap inserts.
  'hnsw.ef_search': String(Math.max(MIN_EF_SEARCH, candidates)),
  // Other tenants' vectors share the index: keep scanning until this tenant's nearest are found.
  ...(iterativeScan ? { 'hnsw.iterative_scan': 'relaxed_order' } : {}),
  // Until the table is analyzed the planner guesses a tenant holds 0.5% of the rows and reads all
  // of them exactly (10 ms at 10,000 vectors against 1 through the index); with these off its only
  // other way is an index scan, which for a small tenant is as cheap as it should be.
  enable_seqscan: 'off',
  enable_bitmapscan: 'off',
});

type Row = {
  query_number: string | number;
  ticket_id: string;
  similarity: number;
  subject: string;
  received_at: string;
  last_type: 'resolved' | 'reopened' | 'closed' | null;
  settled_at: Date | null;
  notes: string | null;
};

const relatedOf = (r: Row): RelatedTicketRow => ({
  ticketId: r.ticket_id,
  subject: r.subject,
  similarity: r.similarity,
  state: r.last_type === 'resolved' || r.last_type === 'closed' ? r.last_type : 'open',
  receivedAt: r.received_at,
  resolvedAt: r.settled_at && r.last_type !== 'reopened' ? isoTime(r.settled_at) : undefined,
  resolutionNotes: r.last_type === 'reopened' ? undefined : optional(r.notes),
});

type LookupKey = RelatedQuery & { tenantId: string };

/**
 * Each ticket's vector in one statement; a ticket stored before keeps its first vector. Rows go in
 * ticket order, so two transactions writing overlapping batches cannot deadlock.
 */
export const insertVectorsStatement = (tenantId: string, vectors: TicketVectorInput[], embeddingDim: number): Statement => ({
  text: `INSERT INTO ticket_vectors (tenant_id, ticket_id, customer_id, category, embedding)
   SELECT $1, v.ticket_id, v.customer_id, v.category, v.embedding::vector
   FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS v(ticket_id, customer_id, category, embedding)
   ORDER BY v.ticket_id
   ON CONFLICT (tenant_id, ticket_id) DO NOTHING`,
  params: [
    tenantId,
    vectors.map((v) => v.ticketId),
    vectors.map((v) => v.customerId),
    vectors.map((v) => v.category),
    vectors.map((v) => vectorParam(v.embedding, embeddingDim)),
  ],
});

export const ticketVectorsRepository = (sql: Sql, { embeddingDim, iterativeScan }: TicketVectorsOptions): TicketVectorsRepository => {
  // A composer's batch looks up every ticket at once: one statement for all of them.
  const lookups = sameTurnBatches(
    (k: LookupKey) => JSON.stringify([k.tenantId, k.limit, k.minSimilarity, k.resolvedSince]),
    async ({ tenantId, limit, minSimilarity, resolvedSince }: LookupKey, ticketIds: string[]): Promise<RelatedTicketRow[][]> => {
      const candidates = limit * CANDIDATES_PER_RESULT;
      const settings = relatedSettings(candidates, iterativeScan);
      // A prepared statement, not `oneTrip`: its plan is kept, and planning this statement again at
      // every lookup cost PostgreSQL 0.65-0.74 ms of CPU against 0.28 for the round trips saved.
      const { rows } = await sql.transaction(
        (tx) => tx.query<Row>(RELATED_SQL, [tenantId, ticketIds, candidates, minSimilarity, resolvedSince, limit]),
        { tenantId, settings },
      );
      const related = ticketIds.map((): RelatedTicketRow[] => []);
      for (const r of rows) related[Number(r.query_number) - 1]!.push(relatedOf(r));
      return related;
    },
  );

  return {
    add: async (tenantId, vectors) => {
      if (!vectors.length) return;
      await sql.oneTrip([insertVectorsStatement(tenantId, vectors, embeddingDim)], { tenantId });
    },

    related: (tenantId, ticketId, query) => lookups({ tenantId, ...query }, ticketId),
  };
};
