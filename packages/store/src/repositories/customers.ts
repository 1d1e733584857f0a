import type { CustomerRecord, Store } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { isoTime } from './rows.ts';

export const customersRepository = (sql: Sql): Store['customers'] => ({
  upsert: (tenantId, customers) =>
    sql.transaction(
      async (tx) => {
        if (!customers.length) return;
        // A customer listed twice keeps its last row: ON CONFLICT cannot touch one row twice in a statement.
        const latest = [...new Map(customers.map((c) => [c.id, c])).values()];
        await tx.query(
          `INSERT INTO customers (tenant_id, id, tier, vip)
           SELECT $1, c.id, c.tier, c.vip FROM unnest($2::text[], $3::text[], $4::boolean[]) AS c(id, tier, vip)
           ON CONFLICT (tenant_id, id) DO UPDATE SET tier = EXCLUDED.tier, vip = EXCLUDED.vip, updated_at = now()`,
          [tenantId, latest.map((c) => c.id), latest.map((c) => c.tier), latest.map((c) => c.vip)],
        );
      },
      { tenantId },
    ),

  get: (tenantId, customerId) =>
    sql.transaction(
      async (tx): Promise<CustomerRecord | null> => {
        const { rows } = await tx.query<{ id: string; tier: CustomerRecord['tier']; vip: boolean; updated_at: Date }>(
          'SELECT id, tier, vip, updated_at FROM customers WHERE tenant_id = $1 AND id = $2',
          [tenantId, customerId],
        );
        const row = rows[0];
        return row ? { id: row.id, tier: row.tier, vip: row.vip, updatedAt: isoTime(row.updated_at) } : null;
      },
      { tenantId },
    ),
});
