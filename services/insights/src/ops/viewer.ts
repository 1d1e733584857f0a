import { isOperator, type KeyResolver } from '@triage/http';
import type { TenantKey } from '@triage/store';

/** Who is looking at the operations page: an operator sees every tenant, a tenant only itself. */
export type Viewer = { role: 'operator' } | { role: 'tenant'; tenantId: string };

export interface OpsCredentials {
  /** `OPERATOR_TOKEN`; unset, nobody signs in as an operator. */
  operatorToken: string | undefined;
  resolveApiKey: KeyResolver<TenantKey>;
}

/** The viewer an `Authorization: Bearer <operator token or API key>` header names, if any. */
export const viewerOf =
  (credentials: OpsCredentials) =>
  async (authorization: string | undefined): Promise<Viewer | undefined> => {
    if (isOperator(credentials.operatorToken, authorization)) return { role: 'operator' };
    const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const tenant = key ? await credentials.resolveApiKey(key) : null;
    return tenant ? { role: 'tenant', tenantId: tenant.tenantId } : undefined;
  };
