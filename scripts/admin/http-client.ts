import type { AdminOperations } from '@triage/admin';
import { isNetworkError, Unreachable } from '../cli/failures.ts';

/** The admin API refused a request: its message, as the API gave it. */
export class AdminApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** The same operations, carried out by a running deployment's admin API (the embedded default holds its data folder). */
export const httpAdminClient = (baseUrl: string, token: string): AdminOperations => {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(new URL(path, baseUrl), {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (isNetworkError(error)) throw new Unreachable(`cannot reach the admin API at ${baseUrl} (--url): is the deployment running?`);
      throw error;
    }
    const answer = (await res.json().catch(() => ({}))) as { message?: string };
    if (!res.ok) throw new AdminApiError(`${answer.message ?? res.statusText} (HTTP ${res.status})`);
    return answer as T;
  };
  const tenant = (id: string) => `/admin/v1/tenants/${encodeURIComponent(id)}`;
  const webhook = (id: string) => `/admin/v1/webhooks/${encodeURIComponent(id)}`;
  return {
    createTenant: (input) => call('POST', '/admin/v1/tenants', input),
    listTenants: async () =>
      (await call<{ tenants: Awaited<ReturnType<AdminOperations['listTenants']>> }>('GET', '/admin/v1/tenants')).tenants,
    createApiKey: (tenantId) => call('POST', `${tenant(tenantId)}/keys`),
    createWidgetKey: (tenantId, origins) => call('POST', `${tenant(tenantId)}/widget-keys`, { origins }),
    listKeys: async (tenantId) =>
      (await call<{ keys: Awaited<ReturnType<AdminOperations['listKeys']>> }>('GET', `${tenant(tenantId)}/keys`)).keys,
    revokeKey: (id) => call('DELETE', `/admin/v1/keys/${encodeURIComponent(id)}`),
    importCustomers: (tenantId, customers) => call('POST', `${tenant(tenantId)}/customers`, customers),
    setIdentitySecret: (tenantId, secret) => call('PUT', `${tenant(tenantId)}/identity-secret`, secret === undefined ? {} : { secret }),
    createWebhook: (tenantId, input) => call('POST', `${tenant(tenantId)}/webhooks`, input),
    listWebhooks: async (tenantId) =>
      (await call<{ webhooks: Awaited<ReturnType<AdminOperations['listWebhooks']>> }>('GET', `${tenant(tenantId)}/webhooks`)).webhooks,
    setWebhookEnabled: (id, enabled) => call('POST', `${webhook(id)}/${enabled ? 'enable' : 'disable'}`),
    listDeadDeliveries: async (id, limit) =>
      (
        await call<{ deliveries: Awaited<ReturnType<AdminOperations['listDeadDeliveries']>> }>(
          'GET',
          `${webhook(id)}/dead${limit === undefined ? '' : `?limit=${limit}`}`,
        )
      ).deliveries,
    replayDeadDeliveries: (id, deliveryId) => call('POST', `${webhook(id)}/replay`, deliveryId === undefined ? {} : { deliveryId }),
  };
};
