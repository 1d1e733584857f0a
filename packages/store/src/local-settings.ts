import { assertTenantId } from './tenant-id.ts';
import type { TransactionOptions } from './types.ts';

/** The settings a transaction's options ask for (tenant first), as name/value pairs for `set_config(name, value, true)`. */
export const localSettings = (options: TransactionOptions): [name: string, value: string][] => [
  ...(options.tenantId !== undefined ? [['app.tenant_id', assertTenantId(options.tenantId)] as [string, string]] : []),
  ...Object.entries(options.settings ?? {}),
];
