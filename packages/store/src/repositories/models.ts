import type { ModelRecord, Store } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { isoTime, json } from './rows.ts';

export const modelsRepository = (sql: Sql): Store['models'] => ({
  save: (tenantId, model) =>
    sql.transaction(
      async (tx) => {
        await tx.query(
          `INSERT INTO models (tenant_id, name, version, data, metrics) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, name, version) DO UPDATE SET data = EXCLUDED.data, metrics = EXCLUDED.metrics, created_at = now()`,
          [tenantId, model.name, model.version, model.data, json(model.metrics)],
        );
      },
      { tenantId },
    ),

  latest: (tenantId, name) =>
    sql.transaction(
      async (tx): Promise<ModelRecord | null> => {
        const { rows } = await tx.query<{ version: string; created_at: Date; data: Uint8Array; metrics: Record<string, unknown> }>(
          'SELECT version, created_at, data, metrics FROM models WHERE tenant_id = $1 AND name = $2 ORDER BY created_at DESC, version DESC LIMIT 1',
          [tenantId, name],
        );
        const row = rows[0];
        if (!row) return null;
        // pg returns a Buffer; expose a plain Uint8Array view of it, as PGlite returns.
        const data = new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
        return { name, version: row.version, createdAt: isoTime(row.created_at), data, metrics: row.metrics };
      },
      { tenantId },
    ),
});
