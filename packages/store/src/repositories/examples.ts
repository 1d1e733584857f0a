import type { LabeledExample, Store } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { optional } from './rows.ts';

/** Adds examples in the caller's transaction, in order. */
export const insertExamples = async (tx: Sql, tenantId: string, examples: LabeledExample[]): Promise<void> => {
  if (!examples.length) return;
  await tx.query(
    `INSERT INTO examples (tenant_id, text, category, kind, source, ticket_id)
     SELECT $1, e.text, e.category, e.kind, e.source, e.ticket_id
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS e(text, category, kind, source, ticket_id, ord)
     ORDER BY e.ord`,
    [
      tenantId,
      examples.map((e) => e.text),
      examples.map((e) => e.category),
      examples.map((e) => e.kind ?? null),
      examples.map((e) => e.source),
      examples.map((e) => e.ticketId ?? null),
    ],
  );
};

export const examplesRepository = (sql: Sql): Store['examples'] => ({
  add: (tenantId, examples) => sql.transaction((tx) => insertExamples(tx, tenantId, examples), { tenantId }),

  categories: (tenantId) =>
    sql.transaction(
      async (tx) =>
        (
          await tx.query<{ category: string }>('SELECT DISTINCT category FROM examples WHERE tenant_id = $1 ORDER BY category', [tenantId])
        ).rows.map((r) => r.category),
      { tenantId },
    ),

  list: (tenantId) =>
    sql.transaction(
      async (tx): Promise<LabeledExample[]> => {
        const { rows } = await tx.query<{
          text: string;
          category: string;
          kind: LabeledExample['kind'] | null;
          source: LabeledExample['source'];
          ticket_id: string | null;
        }>('SELECT text, category, kind, source, ticket_id FROM examples WHERE tenant_id = $1 ORDER BY id', [tenantId]);
        return rows.map((r) => ({
          text: r.text,
          category: r.category,
          kind: optional(r.kind),
          source: r.source,
          ticketId: optional(r.ticket_id),
        }));
      },
      { tenantId },
    ),
});
