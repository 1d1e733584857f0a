import type { BusJournal } from '@triage/bus';
import type { Sql } from '../sql-types.ts';
import { json } from './rows.ts';

interface MessageRow {
  topic: string;
  partition: number;
  position: string | number;
  key: string | null;
  value: Uint8Array | null;
  headers: Record<string, string>;
}

interface OffsetRow {
  consumer_group: string;
  topic: string;
  partition: number;
  committed: string | number;
}

/**
 * The in-process bus's topics and committed offsets in the `bus_messages` and `bus_offsets` tables.
 * A write's messages and offset move share one transaction. Nothing is ever deleted: the history
 * grows with the traffic, as the bus's in-memory logs do.
 */
/** The in-process bus's journal on SQL: the embedded default's topics and consumer positions, in its own database. */
export const createBusJournal = (sql: Sql): BusJournal => ({
  load: async () => {
    const messages = await sql.query<MessageRow>(
      'SELECT topic, partition, position, key, value, headers FROM bus_messages ORDER BY topic, partition, position',
    );
    const offsets = await sql.query<OffsetRow>('SELECT consumer_group, topic, partition, committed FROM bus_offsets');
    return {
      messages: messages.rows.map((r) => ({
        topic: r.topic,
        partition: r.partition,
        offset: Number(r.position),
        key: r.key,
        value: r.value === null ? null : Buffer.from(r.value),
        headers: r.headers,
      })),
      offsets: offsets.rows.map((r) => ({
        group: r.consumer_group,
        topic: r.topic,
        partition: r.partition,
        committed: Number(r.committed),
      })),
    };
  },

  write: (messages, offset) =>
    sql.transaction(async (tx) => {
      if (messages.length > 0) {
        // Bytes travel as hex text: both drivers pass a text[] parameter the same way.
        await tx.query(
          `INSERT INTO bus_messages (topic, partition, position, key, value, headers)
           SELECT m.topic, m.partition, m.position, m.key, decode(m.value, 'hex'), m.headers::jsonb
           FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[]) AS m(topic, partition, position, key, value, headers)`,
          [
            messages.map((m) => m.topic),
            messages.map((m) => m.partition),
            messages.map((m) => m.offset),
            messages.map((m) => m.key),
            messages.map((m) => m.value?.toString('hex') ?? null),
            messages.map((m) => json(m.headers)),
          ],
        );
      }
      if (offset) {
        await tx.query(
          `INSERT INTO bus_offsets (consumer_group, topic, partition, committed) VALUES ($1, $2, $3, $4)
           ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET committed = EXCLUDED.committed`,
          [offset.group, offset.topic, offset.partition, offset.committed],
        );
      }
    }),
});
