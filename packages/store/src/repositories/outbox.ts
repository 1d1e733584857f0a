import type { Envelope } from '@triage/contracts';
import type { OutboxRow, OutgoingEvent, Store } from '../types.ts';
import type { Sql, Statement } from '../sql-types.ts';
import { assertTenantId } from '../tenant-id.ts';
import { json } from './rows.ts';

/** The statement adding events to the outbox, keeping their order in its ids; none for no events. */
export const insertEventsStatement = (tenantId: string, events: OutgoingEvent[]): Statement[] => {
  if (!events.length) return [];
  const foreign = events.find((e) => e.event.tenantId !== tenantId);
  if (foreign) throw new Error(`event ${foreign.event.id} belongs to tenant ${foreign.event.tenantId}, not ${tenantId}`);
  return [
    {
      text: `INSERT INTO outbox (tenant_id, topic, event)
     SELECT $1, e.topic, e.event::jsonb FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS e(topic, event, ord)
     ORDER BY e.ord`,
      params: [assertTenantId(tenantId), events.map((e) => e.topic), events.map((e) => json(e.event))],
    },
  ];
};

/** Adds events in the caller's transaction, keeping their order in the outbox's ids. */
export const insertEvents = async (tx: Sql, tenantId: string, events: OutgoingEvent[]): Promise<void> => {
  for (const { text, params } of insertEventsStatement(tenantId, events)) await tx.query(text, params);
};

interface OutboxRepositoryOptions {
  /**
   * The database has one session for the whole process (PGlite). A transaction held open while
   * `fn` publishes would block every other query, the bus journal's among them, until it ends.
   */
  singleSession: boolean;
}

type Drain = Store['outbox']['drain'];

const toRows = (rows: { id: string | number; topic: string; event: Envelope }[]): OutboxRow[] =>
  rows.map((r) => ({ id: Number(r.id), topic: r.topic, event: r.event }));

const markSent = (sql: Sql, batch: OutboxRow[]) =>
  sql.query('UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])', [batch.map((r) => r.id)]);

// Concurrent drainers each lock a different batch (SKIP LOCKED), so no row is sent twice; a
// batch whose callback throws is unlocked unsent and retried by the next drain. Rows of one key
// may then leave in a different order across drainers, so run one drainer where order matters.
const lockingDrain =
  (sql: Sql): Drain =>
  (limit, fn) =>
    sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string | number; topic: string; event: Envelope }>(
        'SELECT id, topic, event FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
        [limit],
      );
      if (!rows.length) return 0;
      const batch = toRows(rows);
      await fn(batch);
      await markSent(tx, batch);
      return batch.length;
    });

// Only this process can open the database, so rows it has handed out are claimed in memory, as a
// row lock would: concurrent drains take other rows, and a crash forgets the claims with the locks.
const claimingDrain = (sql: Sql): Drain => {
  const claimed = new Set<number>();
  // Drains pick their rows one at a time, so none picks before another's rows are claimed.
  let picking: Promise<unknown> = Promise.resolve();
  const pick = (limit: number): Promise<OutboxRow[]> => {
    const picked = picking.then(async () => {
      const { rows } = await sql.query<{ id: string | number; topic: string; event: Envelope }>(
        'SELECT id, topic, event FROM outbox WHERE sent_at IS NULL AND id <> ALL($2::bigint[]) ORDER BY id LIMIT $1',
        [limit, [...claimed]],
      );
      const batch = toRows(rows);
      for (const row of batch) claimed.add(row.id);
      return batch;
    });
    picking = picked.catch(() => undefined);
    return picked;
  };
  return async (limit, fn) => {
    const batch = await pick(limit);
    try {
      if (batch.length > 0) {
        await fn(batch);
        await markSent(sql, batch);
      }
      return batch.length;
    } finally {
      for (const row of batch) claimed.delete(row.id);
    }
  };
};

export const outboxRepository = (sql: Sql, { singleSession }: OutboxRepositoryOptions): Store['outbox'] => ({
  drain: singleSession ? claimingDrain(sql) : lockingDrain(sql),
  enqueue: (tenantId, events) => sql.transaction((tx) => insertEvents(tx, tenantId, events)),
});
