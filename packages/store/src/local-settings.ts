import { assertTenantId } from './tenant-id.ts';
import type { TransactionOptions } from './sql-types.ts';

/** Settings that decide what row-level security lets a transaction see: only `tenantId` sets them. */
const GUARDED = new Set(['app.tenant_id', 'role', 'session_authorization']);

/** The settings a transaction's options ask for (tenant first), as name/value pairs for `set_config(name, value, true)`. */
export const localSettings = (options: TransactionOptions): [name: string, value: string][] => {
  const settings = Object.entries(options.settings ?? {});
  const guarded = settings.find(([name]) => GUARDED.has(name.toLowerCase()));
  if (guarded) throw new Error(`the transaction setting ${guarded[0]} cannot be set through settings`);
  return [
    ...(options.tenantId !== undefined ? [['app.tenant_id', assertTenantId(options.tenantId)] as [string, string]] : []),
    ...settings,
  ];
};
