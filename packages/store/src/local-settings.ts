import { assertTenantId } from './tenant-id.ts';
import type { TransactionOptions } from './types.ts';

/**
 * The statement that applies a transaction's options (tenant and other settings) in one round
 * trip, or nothing to run when there are none.
 */
export const localSettings = (options: TransactionOptions): { text: string; params: string[] } | undefined => {
  const settings: [string, string][] = [
    ...(options.tenantId !== undefined ? [['app.tenant_id', assertTenantId(options.tenantId)] as [string, string]] : []),
    ...Object.entries(options.settings ?? {}),
  ];
  if (settings.length === 0) return undefined;
  return {
    text: `SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
    params: settings.flat(),
  };
};
