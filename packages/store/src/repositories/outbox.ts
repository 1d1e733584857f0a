import type { Envelope } from '@triage/contracts';
import type { OutboxRow, Sql, Store } from '../types.ts';
import { assertTenantId } from '../tenant-id.ts';
import { json } from './rows.ts';

export type OutgoingEvent = { topic: string; event: Envelope };

/** Adds events in the caller's transaction, keeping their order in the outbox's ids. */
export const insertEvents = async (tx: Sql, tenantId: string, events: OutgoingEvent[]): Promise<void> => {
  if (!events.length) return;
  const foreign = events.find((e) => e.event.tenantId !== tenantId);
  if (foreign) throw new Error(`event ${foreign.event.id} belongs to tenant ${foreign.event.tenantId}, not ${tenantId}`);
  await tx.query(
    `INSERT INTO outbox (tenant_id, topic, event)
     SELECT $1, e.topic, e.event::jsonb FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS e(topic, event, ord)
     ORDER BY e.ord`,
    [assertTenantId(tenantId), events.map((e) => e.topic), events.map((e) => json(e.event))],
  );
};

export const outboxRepository = (sql: Sql): Store['outbox'] => ({
  // Concurrent drainers each lock a different batch (SKIP LOCKED), so no row is sent twice; a
  // batch whose callback throws is unlocked unsent and retried by the next drain. Rows of one key
  // may then leave in a different order across drainers, so run one drainer where order matters.
  drain: (limit, fn) =>
    sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string | number; topic: string; event: Envelope }>(
        'SELECT id, topic, event FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
        [limit],
      );
      if (!rows.length) return 0;
      const batch: OutboxRow[] = rows.map((r) => ({ id: Number(r.id), topic: r.topic, event: r.event }));
      await fn(batch);
      await tx.query('UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])', [batch.map((r) => r.id)]);
      return batch.length;
    }),

  enqueue: (tenantId, events) => sql.transaction((tx) => insertEvents(tx, tenantId, events)),
});
