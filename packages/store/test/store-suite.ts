import { createHash, randomUUID } from 'node:crypto';
import { createEvent, Ticket, Topics, type Envelope } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput, OutboxRow, Sql, Store } from '../src/index.ts';
import { loadMigrations } from '../src/migrate.ts';
import { SEARCH_DENSE_SQL } from '../src/repositories/kb.ts';

/** A database that can be opened (again) by a store. */
export interface TestDatabase {
  open(embeddingDim: number): Promise<Store>;
  drop(): Promise<void>;
}

export interface StoreTarget {
  name: string;
  /** A new, empty database. */
  createDatabase(): Promise<TestDatabase>;
}

const DIM = 4;

/** Runs `text` as the session's login role instead of `triage_app`, for inspecting what the app role cannot see. */
export const asOwner = <R>(sql: Sql, text: string, params?: unknown[]) =>
  sql.transaction(async (tx) => {
    await tx.query('SET LOCAL ROLE NONE');
    return (await tx.query<R>(text, params)).rows;
  });

const newTicket = (tenantId: string, id = randomUUID()): Ticket =>
  Ticket.parse({
    id,
    tenantId,
    receivedAt: new Date().toISOString(),
    subject: 'Cannot log in',
    body: 'The login page says my password is wrong.',
    channel: 'email',
    customer: { id: 'c1', tier: 'pro' },
  });

const receivedEvent = (ticket: Ticket): { topic: string; event: Envelope } => ({
  topic: Topics.ticketsReceived,
  event: createEvent(Topics.ticketsReceived, { tenantId: ticket.tenantId, key: ticket.id, payload: { ticket } }),
});

const article = (id: string, ...embeddings: number[][]): ArticleInput => ({
  id,
  title: `Article ${id}`,
  body: `Body of ${id}`,
  chunks: embeddings.map((embedding, i) => ({ text: `${id} chunk ${i}`, embedding })),
});

/** mulberry32: a seeded generator, so the vectors (and the index built on them) are the same every run. */
const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const unsentIds = async (sql: Sql, tenantId: string): Promise<number[]> =>
  (await sql.query<{ id: string | number }>('SELECT id FROM outbox WHERE tenant_id = $1 AND sent_at IS NULL ORDER BY id', [tenantId])).rows.map((r) =>
    Number(r.id),
  );

/** Drains everything currently unsent, so a test starts from an empty outbox. */
const drainAll = async (store: Store): Promise<void> => {
  while ((await store.outbox.drain(100, async () => {})) > 0);
};

export const describeStore = (target: StoreTarget): void => {
  describe(`store on ${target.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    const newTenant = async () => {
      const id = `t-${randomUUID()}`;
      await store.tenants.ensure(id);
      return id;
    };

    beforeAll(async () => {
      database = await target.createDatabase();
      store = await database.open(DIM);
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    describe('migrations', () => {
      it('are applied once, and reopening the database applies nothing again', async () => {
        const tenantId = await newTenant();
        await store.kb.upsert(tenantId, [article('kept', [1, 0, 0, 0])]);
        await store.close();
        store = await database.open(DIM);
        const applied = await asOwner<{ version: number; name: string }>(store.sql, 'SELECT version, name FROM schema_migrations ORDER BY version');
        expect(applied).toEqual((await loadMigrations()).map(({ version, name }) => ({ version, name })));
        expect(applied[0]).toEqual({ version: 1, name: 'init' });
        expect(await store.kb.count(tenantId)).toBe(1);
      });

      it('refuses a store configured for another embedding dimension', async () => {
        await store.close();
        await expect(database.open(DIM + 1)).rejects.toThrow(`stores embeddings as vector(${DIM}) but the store is configured for vector(${DIM + 1})`);
        store = await database.open(DIM);
      });

      it('creates the HNSW cosine index on chunk embeddings', async () => {
        const [index] = await store.sql.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_chunks_embedding'").then((r) => r.rows);
        expect(index?.indexdef).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
      });
    });

    describe('tenants and keys', () => {
      it('keeps only the sha256 of an API key and resolves the key to its tenant', async () => {
        const tenantId = await newTenant();
        const key = await store.tenants.createApiKey(tenantId);
        expect(await store.tenants.resolveApiKey(key)).toEqual({ tenantId });
        expect(await store.tenants.resolveApiKey(`${key}x`)).toBeNull();
        const stored = await store.sql.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE tenant_id = $1', [tenantId]);
        expect(stored.rows).toHaveLength(1);
        expect(stored.rows[0]?.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
        expect(JSON.stringify(stored.rows)).not.toContain(key);
      });

      it('resolves widget keys with their allowed origins and rejects a non-origin', async () => {
        const tenantId = await newTenant();
        const key = await store.tenants.createWidgetKey(tenantId, ['https://shop.example', 'http://localhost:3000']);
        expect(await store.tenants.resolveWidgetKey(key)).toEqual({ tenantId, allowedOrigins: ['https://shop.example', 'http://localhost:3000'] });
        expect(await store.tenants.resolveWidgetKey('wk_unknown')).toBeNull();
        await expect(store.tenants.createWidgetKey(tenantId, ['https://shop.example/path'])).rejects.toThrow('is not an origin');
      });
    });

    describe('tickets', () => {
      it('stores a ticket with its outbox events once per idempotency key', async () => {
        const tenantId = await newTenant();
        const first = newTicket(tenantId);
        const firstEvent = receivedEvent(first);
        expect(await store.tickets.create(first, [firstEvent], 'req-1')).toEqual({ id: first.id, created: true });
        const retry = newTicket(tenantId);
        expect(await store.tickets.create(retry, [receivedEvent(retry)], 'req-1')).toEqual({ id: first.id, created: false });

        expect(await store.tickets.get(tenantId, retry.id)).toBeNull();
        expect((await store.tickets.get(tenantId, first.id))?.ticket).toEqual(first);
        const outbox = await store.sql.query<{ event: Envelope }>('SELECT event FROM outbox WHERE tenant_id = $1', [tenantId]);
        expect(outbox.rows.map((r) => r.event)).toEqual([firstEvent.event]);
      });

      it('keeps an idempotency key per tenant', async () => {
        const [a, b] = [await newTenant(), await newTenant()];
        expect((await store.tickets.create(newTicket(a), [], 'same-key')).created).toBe(true);
        expect((await store.tickets.create(newTicket(b), [], 'same-key')).created).toBe(true);
      });

      it('writes no outbox row when the ticket insert fails, and no ticket when an event is rejected', async () => {
        const tenantId = await newTenant();
        const ticket = newTicket(tenantId);
        await store.tickets.create(ticket, [receivedEvent(ticket)]);
        const before = await unsentIds(store.sql, tenantId);

        await expect(store.tickets.create(ticket, [receivedEvent(ticket)])).rejects.toThrow(/duplicate key/);
        expect(await unsentIds(store.sql, tenantId)).toEqual(before);

        const other = newTicket(tenantId);
        const foreignEvent = receivedEvent(newTicket(await newTenant()));
        await expect(store.tickets.create(other, [foreignEvent])).rejects.toThrow('belongs to tenant');
        expect(await store.tickets.get(tenantId, other.id)).toBeNull();
      });

      it('records a stage once: the first output wins, also between concurrent writers', async () => {
        const tenantId = await newTenant();
        const ticket = newTicket(tenantId);
        await store.tickets.create(ticket, []);
        const record = (output: unknown, source: string) => store.tickets.recordStages(tenantId, 'categorize', [{ ticketId: ticket.id, output, source }]);
        expect(await record({ category: 'login' }, 'in/0/7')).toEqual([{ output: { category: 'login' }, firstTime: true, source: 'in/0/7' }]);
        // A later delivery learns which delivery decided, so it can tell a redelivery from a duplicate.
        expect(await record({ category: 'billing' }, 'in/1/3')).toEqual([{ output: { category: 'login' }, firstTime: false, source: 'in/0/7' }]);

        const racers = await Promise.all(
          ['a', 'b', 'c'].map((v, i) => store.tickets.recordStages(tenantId, 'route', [{ ticketId: ticket.id, output: { queue: v }, source: `in/0/${i}` }])),
        );
        expect(racers.flat().filter((r) => r.firstTime)).toHaveLength(1);
        expect(new Set(racers.flat().map((r) => JSON.stringify(r.output))).size).toBe(1);

        const stored = await store.tickets.get(tenantId, ticket.id);
        expect(stored?.stages).toEqual({ categorize: { category: 'login' }, route: racers[0]![0]!.output });
      });

      it('records a batch in input order: new tickets, already recorded ones and a ticket listed twice', async () => {
        const tenantId = await newTenant();
        const [a, b, c] = [newTicket(tenantId), newTicket(tenantId), newTicket(tenantId)];
        for (const t of [a, b, c]) await store.tickets.create(t, []);
        await store.tickets.recordStages(tenantId, 'assess', [{ ticketId: b.id, output: { tier: 1 }, source: 'in/0/1' }]);

        const results = await store.tickets.recordStages(tenantId, 'assess', [
          { ticketId: a.id, output: { tier: 0, note: undefined }, source: 'in/2/10' },
          { ticketId: b.id, output: { tier: 3 }, source: 'in/2/11' },
          { ticketId: c.id, output: { tier: 2 }, source: 'in/2/12' },
          { ticketId: a.id, output: { tier: 3 }, source: 'in/2/13' },
        ]);
        expect(results).toEqual([
          // The output as stored (undefined fields dropped), as a redelivery would read it back.
          { output: { tier: 0 }, firstTime: true, source: 'in/2/10' },
          { output: { tier: 1 }, firstTime: false, source: 'in/0/1' },
          { output: { tier: 2 }, firstTime: true, source: 'in/2/12' },
          { output: { tier: 0 }, firstTime: false, source: 'in/2/10' },
        ]);
        expect(Object.keys(results[0]!.output as object)).toEqual(['tier']);
        expect((await store.tickets.get(tenantId, a.id))?.stages).toEqual({ assess: { tier: 0 } });
        expect(await store.tickets.recordStages(tenantId, 'assess', [])).toEqual([]);
      });

      it('refuses to record a stage of a ticket it does not have', async () => {
        const tenantId = await newTenant();
        await expect(store.tickets.recordStages(tenantId, 'assess', [{ ticketId: 'no-such-ticket', output: {}, source: 'in/0/1' }])).rejects.toThrow(/foreign key/);
      });
    });

    describe('outbox', () => {
      it('never hands a row to two concurrent drainers, and every row is sent', async () => {
        await drainAll(store);
        const tenantId = await newTenant();
        const events = Array.from({ length: 40 }, () => receivedEvent(newTicket(tenantId)));
        await store.outbox.enqueue(tenantId, events);

        const drainer = async () => {
          const seen: OutboxRow[] = [];
          // Holding the batch a moment keeps its rows locked while the other drainer looks.
          while ((await store.outbox.drain(5, async (rows) => {
            seen.push(...rows);
            await new Promise((resolve) => setTimeout(resolve, 10));
          })) > 0);
          return seen;
        };
        const [one, two] = await Promise.all([drainer(), drainer()]);
        const ids = [...(one ?? []), ...(two ?? [])].map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(40);
        expect(one?.length).toBeGreaterThan(0);
        expect(two?.length).toBeGreaterThan(0);
        expect([...(one ?? []), ...(two ?? [])].map((r) => r.event.id).sort()).toEqual(events.map((e) => e.event.id).sort());
        expect(await unsentIds(store.sql, tenantId)).toEqual([]);
      });

      it('keeps a batch unsent when the callback fails, in order for the next drain', async () => {
        await drainAll(store);
        const tenantId = await newTenant();
        const events = [1, 2, 3].map(() => receivedEvent(newTicket(tenantId)));
        await store.outbox.enqueue(tenantId, events);
        await expect(store.outbox.drain(10, async () => Promise.reject(new Error('broker down')))).rejects.toThrow('broker down');
        const delivered: OutboxRow[] = [];
        expect(await store.outbox.drain(10, async (rows) => void delivered.push(...rows))).toBe(3);
        expect(delivered.map((r) => r.event.id)).toEqual(events.map((e) => e.event.id));
        expect(delivered.map((r) => r.topic)).toEqual([Topics.ticketsReceived, Topics.ticketsReceived, Topics.ticketsReceived]);
      });
    });

    describe('knowledge base', () => {
      it('ranks articles by their best chunk with cosine similarity', async () => {
        const tenantId = await newTenant();
        await store.kb.upsert(tenantId, [
          article('same', [2, 0, 0, 0]),
          article('diagonal', [1, 1, 0, 0]),
          article('orthogonal', [0, 0, 1, 0]),
          article('opposite', [-1, 0, 0, 0]),
          article('mixed', [0, 1, 0, 0], [3, 1, 0, 0]),
        ]);
        const hits = await store.kb.searchDense(tenantId, [1, 0, 0, 0], 5);
        expect(hits.map((h) => h.articleId)).toEqual(['same', 'mixed', 'diagonal', 'orthogonal', 'opposite']);
        expect(hits.map((h) => h.similarity)).toEqual([1, 3 / Math.sqrt(10), Math.SQRT1_2, 0, -1].map((s) => expect.closeTo(s, 6)));
        expect(hits[1]).toMatchObject({ chunk: 'mixed chunk 1', title: 'Article mixed' });
        expect((await store.kb.searchDense(tenantId, [1, 0, 0, 0], 2)).map((h) => h.articleId)).toEqual(['same', 'mixed']);
      });

      it('replaces an article and its chunks on upsert, and keeps votes per article', async () => {
        const tenantId = await newTenant();
        await store.kb.upsert(tenantId, [article('a', [1, 0, 0, 0], [0, 1, 0, 0])]);
        await store.kb.upsert(tenantId, [{ ...article('a', [0, 0, 1, 0]), title: 'New title', url: 'https://help.example/a' }]);
        expect(await store.kb.list(tenantId)).toEqual([{ id: 'a', title: 'New title', body: 'Body of a', url: 'https://help.example/a' }]);
        const [hit] = await store.kb.searchDense(tenantId, [0, 0, 1, 0], 3);
        expect(hit).toEqual({ articleId: 'a', title: 'New title', url: 'https://help.example/a', chunk: 'a chunk 0', similarity: expect.closeTo(1, 6) });

        await store.kb.recordVote(tenantId, 'a', true);
        await store.kb.recordVote(tenantId, 'a', false);
        await store.kb.recordVote(tenantId, 'a', true);
        const votes = await store.sql.transaction((tx) => tx.query('SELECT helpful_votes, unhelpful_votes FROM articles'), { tenantId });
        expect(votes.rows).toEqual([{ helpful_votes: 2, unhelpful_votes: 1 }]);
        await expect(store.kb.recordVote(tenantId, 'missing', true)).rejects.toThrow('has no article missing');
      });

      it('searches a large tenant through the HNSW index and finds its nearest articles when another tenant crowds the neighbourhood', async () => {
        const [spread, crowd] = [await newTenant(), await newTenant()];
        const random = seededRandom(7);
        const spreadVectors = Array.from({ length: 2500 }, () => [random() - 0.5, random() - 0.5, random() - 0.5, random() - 0.5]);
        await store.kb.upsert(spread, spreadVectors.map((v, i) => article(`s${i}`, v)));
        // The other tenant's chunks fill a narrow cone around the query, so the index meets them first:
        // without pgvector's iterative scan the filtered search would come back (nearly) empty.
        const nearQuery = () => [1, 0.4 * (random() - 0.5), 0.4 * (random() - 0.5), 0.4 * (random() - 0.5)];
        await store.kb.upsert(crowd, Array.from({ length: 2500 }, (_, i) => article(`c${i}`, nearQuery())));
        await asOwner(store.sql, 'ANALYZE article_chunks');

        const query = [1, 0, 0, 0];
        const plan = await store.sql.transaction(
          async (tx) => (await tx.query<Record<string, string>>(`EXPLAIN ${SEARCH_DENSE_SQL}`, [spread, `[${query}]`, 40, 5])).rows,
          { tenantId: spread },
        );
        expect(plan.map((r) => Object.values(r)[0]).join('\n')).toContain('Index Scan using article_chunks_embedding on article_chunks');

        const cosine = (v: number[]) => v[0]! / Math.hypot(...v);
        const exact = spreadVectors.map((v, i) => ({ id: `s${i}`, similarity: cosine(v) })).sort((a, b) => b.similarity - a.similarity);
        const hits = await store.kb.searchDense(spread, query, 5);
        expect(hits.map((h) => h.articleId)).toEqual(exact.slice(0, 5).map((e) => e.id));
        expect(hits[0]?.similarity).toBeCloseTo(exact[0]!.similarity, 6);
      });

      it('rejects embeddings of the wrong dimension', async () => {
        const tenantId = await newTenant();
        await expect(store.kb.upsert(tenantId, [article('a', [1, 0, 0])])).rejects.toThrow(`embedding has 3 dimensions; the store expects ${DIM}`);
        await expect(store.kb.searchDense(tenantId, [1, 0], 3)).rejects.toThrow('embedding has 2 dimensions');
        expect(await store.kb.count(tenantId)).toBe(0);
      });
    });

    describe('tenant isolation (row-level security)', () => {
      it("never shows one tenant's rows to another, even to a query without a tenant filter", async () => {
        const [a, b] = [await newTenant(), await newTenant()];
        // Identical text and vectors in both tenants; B also has the article closest to the query.
        await store.kb.upsert(a, [article('shared', [1, 1, 0, 0])]);
        await store.kb.upsert(b, [article('shared', [1, 1, 0, 0]), article('b-only', [1, 0, 0, 0])]);

        expect((await store.kb.searchDense(a, [1, 0, 0, 0], 10)).map((h) => h.articleId)).toEqual(['shared']);
        expect((await store.kb.list(a)).map((x) => x.id)).toEqual(['shared']);

        // A nearest-chunk search that forgot every tenant filter: the policies still apply one.
        const forgetful = await store.sql.transaction(
          async (tx) =>
            (
              await tx.query<{ tenant_id: string; id: string }>(
                'SELECT a.tenant_id, a.id FROM article_chunks c JOIN articles a ON a.id = c.article_id ORDER BY c.embedding <=> $1::vector LIMIT 10',
                ['[1,0,0,0]'],
              )
            ).rows,
          { tenantId: a },
        );
        expect(forgetful).toEqual([{ tenant_id: a, id: 'shared' }]);
        const tenantsSeen = await store.sql.transaction(
          async (tx) => (await tx.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM article_chunks UNION SELECT tenant_id FROM articles')).rows,
          { tenantId: a },
        );
        expect(tenantsSeen).toEqual([{ tenant_id: a }]);
      });

      it('shows no tenant rows outside a tenant transaction and refuses writes for another tenant', async () => {
        const [a, b] = [await newTenant(), await newTenant()];
        await store.kb.upsert(a, [article('x', [1, 0, 0, 0])]);
        expect((await store.sql.query('SELECT * FROM articles')).rows).toEqual([]);
        expect((await store.sql.query('SELECT * FROM tickets')).rows).toEqual([]);
        await expect(
          store.sql.transaction((tx) => tx.query("INSERT INTO articles (tenant_id, id, title, body) VALUES ($1, 'y', 't', 'b')", [b]), { tenantId: a }),
        ).rejects.toThrow(/row-level security/);
        expect(await store.kb.count(b)).toBe(0);
        // Reads through the repositories with another tenant's id find nothing of A's.
        expect(await store.tickets.get(b, 'x')).toBeNull();
        await expect(store.sql.transaction(async () => {}, { tenantId: '' })).rejects.toThrow('non-empty');
      });
    });

    describe('examples, models, deflections', () => {
      it('lists labeled examples in insertion order', async () => {
        const tenantId = await newTenant();
        await store.examples.add(tenantId, [
          { text: 'refund please', category: 'billing', source: 'seed' },
          { text: 'site is down', category: 'outage', kind: 'incident', source: 'correction', ticketId: 't9' },
        ]);
        expect(await store.examples.list(tenantId)).toEqual([
          { text: 'refund please', category: 'billing', kind: undefined, source: 'seed', ticketId: undefined },
          { text: 'site is down', category: 'outage', kind: 'incident', source: 'correction', ticketId: 't9' },
        ]);
      });

      it('returns the latest saved model with its bytes intact', async () => {
        const tenantId = await newTenant();
        expect(await store.models.latest(tenantId, 'categorizer')).toBeNull();
        await store.models.save(tenantId, { name: 'categorizer', version: 'v1', data: new Uint8Array([1, 2, 3]), metrics: { accuracy: 0.9 } });
        await store.models.save(tenantId, { name: 'categorizer', version: 'v2', data: new Uint8Array([0, 255, 7]), metrics: { accuracy: 0.93 } });
        const latest = await store.models.latest(tenantId, 'categorizer');
        expect(latest).toMatchObject({ name: 'categorizer', version: 'v2', metrics: { accuracy: 0.93 } });
        expect([...(latest?.data ?? [])]).toEqual([0, 255, 7]);
        expect(latest?.data).toBeInstanceOf(Uint8Array);
      });

      it('accepts the first feedback on a deflection and refuses a second', async () => {
        const tenantId = await newTenant();
        const id = randomUUID();
        await store.deflections.create({ id, tenantId, question: 'how to reset?', solutions: [{ articleId: 'a' }], deflectable: true, confidence: 0.8, outcome: 'shown' });
        expect(await store.deflections.resolve(await newTenant(), id, 'resolved')).toBe(false);
        expect(await store.deflections.resolve(tenantId, id, 'unresolved', 'ticket-1')).toBe(true);
        expect(await store.deflections.resolve(tenantId, id, 'resolved')).toBe(false);
        expect(await store.deflections.get(tenantId, id)).toMatchObject({ outcome: 'unresolved', ticketId: 'ticket-1', solutions: [{ articleId: 'a' }], confidence: 0.8 });
      });
    });
  });
};
