// The handoff composer's related-ticket lookup against a big tenant: 100,000 tickets with their
// vectors (clustered, as real tickets are: many reports of few things) and a fifth of them
// resolved with notes, in PostgreSQL + pgvector. Target: p99 ≤ 10 ms per lookup.
import { createPgStore } from '@triage/store';
import { CANDIDATES_PER_RESULT, RELATED_SQL, relatedSettings } from '../packages/store/src/repositories/ticket-vectors.ts';
import { adminQuery, bringUpInfra } from './support/infra.ts';
import { startRecord } from './support/results.ts';
import { summarize, timeEach } from './support/stats.ts';
import { printTable } from './support/table.ts';

const TENANT = 'bench';
/** A second tenant shares the index: the lookup must find the first one's tickets through it. */
const OTHER = 'bench-other';
const TICKETS = 100_000;
const OTHER_TICKETS = 20_000;
const CLUSTERS = 500;
const DIM = 384;
const LOOKUPS = 2_000;
const WARM_UP = 200;
const BATCH = 50;
const BATCHES = 40;
const SERVER_SAMPLES = 500;
const RECALL_SAMPLES = 100;
const WRITE_BATCHES = 20;
const query = { limit: 5, minSimilarity: 0.5, resolvedSince: new Date(Date.now() - 90 * 86_400_000).toISOString() };

const infra = await bringUpInfra('related');
const record = startRecord('related');
const { url } = await infra.createDatabase();
const store = await createPgStore({ url, embeddingDim: DIM, poolSize: 4 });

/**
 * Tickets, vectors and resolutions written by INSERT … SELECT over generate_series: each vector is
 * its cluster's centre plus noise, so neighbours are near as paraphrases are, not uniformly random.
 */
const seed = async (tenantId: string, count: number) => {
  await store.tenants.ensure(tenantId);
  await store.sql.transaction(
    async (tx) => {
      await tx.query(
        `INSERT INTO tickets (tenant_id, id, ticket)
         SELECT $1, $1 || '-' || i, jsonb_build_object('subject', 'Ticket ' || i, 'receivedAt', to_char(now() - (i % 1000) * interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
         FROM generate_series(0, $2 - 1) AS i`,
        // Rows for the tickets whose vectors are written while timed, too.
        [tenantId, count + WRITE_BATCHES * BATCH],
      );
      await tx.query(
        `CREATE TEMP TABLE centres ON COMMIT DROP AS
         SELECT c, array(SELECT random() * 2 - 1 FROM generate_series(1, ${DIM}) WHERE c IS NOT NULL) AS v FROM generate_series(0, ${CLUSTERS - 1}) AS c`,
      );
      await tx.query(
        `INSERT INTO ticket_vectors (tenant_id, ticket_id, customer_id, category, embedding)
         SELECT $1, $1 || '-' || i, 'customer-' || (i % 700), 'software',
                (SELECT array_agg(x + random() * 0.8 - 0.4 ORDER BY o) FROM unnest(ce.v) WITH ORDINALITY AS u(x, o) WHERE i IS NOT NULL)::vector
         FROM generate_series(0, $2 - 1) AS i JOIN centres ce ON ce.c = i % ${CLUSTERS}`,
        [tenantId, count],
      );
      await tx.query(
        `INSERT INTO ticket_lifecycle (tenant_id, ticket_id, report_id, type, occurred_at, report)
         SELECT $1, $1 || '-' || i, 'resolved-' || i, 'resolved', now() - (i % 200) * interval '1 day',
                jsonb_build_object('type', 'resolved', 'id', 'resolved-' || i, 'notes', 'Fixed by restarting the worker ' || i, 'resolvingTier', 2)
         FROM generate_series(0, $2 - 1, 5) AS i`,
        [tenantId, count],
      );
    },
    { tenantId },
  );
};

/** Tickets that arrive after the seed, `BATCH` a batch: each near a seeded one, as new reports of known things are. */
const newVectors = async (batch: number) => {
  const { rows } = await store.sql.transaction(
    (tx) =>
      tx.query<{ e: string }>(
        'SELECT embedding::text AS e FROM ticket_vectors WHERE tenant_id = $1 ORDER BY ticket_id LIMIT $2 OFFSET $3',
        [TENANT, BATCH, batch * BATCH],
      ),
    { tenantId: TENANT },
  );
  return rows.map((r, i) => {
    const n = TICKETS + batch * BATCH + i;
    const near = JSON.parse(r.e) as number[];
    return {
      ticketId: `${TENANT}-${n}`,
      customerId: `customer-${n % 700}`,
      category: 'software',
      embedding: near.map((x) => x + Math.random() * 0.4 - 0.2),
    };
  });
};

try {
  const seeding = performance.now();
  // Building the index once over every vector takes a fraction of inserting into it row by row. The
  // store's role owns no table: the database's owner drops, builds and analyzes.
  const [index] = await adminQuery<{ def: string }>(
    url,
    "SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'ticket_vectors_embedding'",
  );
  await adminQuery(url, 'DROP INDEX ticket_vectors_embedding');
  await seed(TENANT, TICKETS);
  await seed(OTHER, OTHER_TICKETS);
  await adminQuery(url, `SET maintenance_work_mem = '1GB'; ${index!.def}; ANALYZE`);
  const seedS = Math.round((performance.now() - seeding) / 100) / 10;
  console.error(`[related] ${TICKETS} + ${OTHER_TICKETS} tickets seeded and indexed in ${seedS} s`);

  const ids = Array.from({ length: LOOKUPS + WARM_UP }, (_, i) => `${TENANT}-${(i * 7919) % TICKETS}`);
  const found: number[] = [];
  await timeEach(ids.slice(0, WARM_UP), (id) => store.ticketVectors.related(TENANT, id, query));
  const samples = await timeEach(ids.slice(WARM_UP), async (id) => {
    found.push((await store.ticketVectors.related(TENANT, id, query)).length);
  });
  const latency = summarize(samples);
  // A composer's batch: its lookups go to the store in one turn, and so as one statement.
  const batches = Array.from({ length: BATCHES }, (_, b) => ids.slice(WARM_UP + b * BATCH, WARM_UP + (b + 1) * BATCH));
  const batchLatency = summarize(
    await timeEach(batches, (batch) => Promise.all(batch.map((id) => store.ticketVectors.related(TENANT, id, query)))),
  );
  // The database's own time per lookup, apart from the client and the machine's other work.
  const candidates = CANDIDATES_PER_RESULT * query.limit;
  // The bench's PostgreSQL has pgvector 0.8, as the store finds when it starts.
  const settings = relatedSettings(candidates, true);
  const params = (id: string) => [TENANT, [id], candidates, query.minSimilarity, query.resolvedSince, query.limit];
  const serverMs: number[] = [];
  for (const id of ids.slice(WARM_UP, WARM_UP + SERVER_SAMPLES)) {
    const { rows } = await store.sql.transaction(
      (tx) =>
        tx.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${RELATED_SQL}`, params(id)),
      { tenantId: TENANT, settings },
    );
    serverMs.push(rows[0]!['QUERY PLAN'][0]['Execution Time']);
  }
  const server = summarize(serverMs);
  // How many of the exact five nearest the index finds (an exact scan when index scans are off).
  const top = async (id: string, extra: Record<string, string>) => {
    const { rows } = await store.sql.transaction((tx) => tx.query<{ ticket_id: string }>(RELATED_SQL, params(id)), {
      tenantId: TENANT,
      settings: { ...settings, ...extra },
    });
    return rows.map((r) => r.ticket_id);
  };
  let kept = 0;
  let exactTotal = 0;
  for (const id of ids.slice(WARM_UP, WARM_UP + RECALL_SAMPLES)) {
    const exact = await top(id, { enable_indexscan: 'off', enable_seqscan: 'on', enable_bitmapscan: 'on' });
    const approximate = new Set(await top(id, {}));
    exactTotal += exact.length;
    kept += exact.filter((t) => approximate.has(t)).length;
  }
  const recallAt5 = Math.round((kept / exactTotal) * 1000) / 1000;
  const { rows: plan } = await store.sql.transaction(
    (tx) =>
      tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${RELATED_SQL}`, [
        TENANT,
        [ids[0]],
        candidates,
        query.minSimilarity,
        query.resolvedSince,
        query.limit,
      ]),
    { tenantId: TENANT, settings },
  );
  const indexLine = plan.map((r) => r['QUERY PLAN'].trim()).find((line) => line.includes('ticket_vectors_embedding')) ?? 'no HNSW scan';
  // What the categorizer's write of each batch's vectors costs with the index this big.
  const arriving = [];
  for (let b = 0; b < WRITE_BATCHES; b++) arriving.push(await newVectors(b));
  const writes = await timeEach(arriving, (vectors) => store.ticketVectors.add(TENANT, vectors));
  const writeMsPerVector = summarize(writes.map((ms) => ms / BATCH));
  const meanFound = Math.round((found.reduce((a, b) => a + b, 0) / found.length) * 100) / 100;
  printTable(`Storing a categorizer batch of ${BATCH} vectors (ms per vector)`, [
    { n: writeMsPerVector.n, p50: writeMsPerVector.p50, p99: writeMsPerVector.p99, max: writeMsPerVector.max },
  ]);
  printTable('Related-ticket lookup (ms)', [
    { lookup: 'one ticket', n: latency.n, p50: latency.p50, p99: latency.p99, max: latency.max, 'related found (mean)': meanFound },
    { lookup: 'one ticket, in the database', n: server.n, p50: server.p50, p99: server.p99, max: server.max },
    { lookup: `batch of ${BATCH}`, n: batchLatency.n, p50: batchLatency.p50, p99: batchLatency.p99, max: batchLatency.max },
  ]);
  console.log(`plan: ${indexLine}`);
  console.log(`recall@5 of the index against an exact scan: ${recallAt5} (${RECALL_SAMPLES} lookups)`);
  console.log(
    `written to ${await record.finish({ tickets: TICKETS, otherTenantTickets: OTHER_TICKETS, clusters: CLUSTERS, dim: DIM, seedS, latencyMs: latency, serverMs: server, batchOf: BATCH, batchLatencyMs: batchLatency, writeMsPerVector, recallAt5, meanFound, plan: indexLine, targetP99Ms: 10 })}`,
  );
} finally {
  await store.close();
  await infra.close();
}
