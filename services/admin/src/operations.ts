import { type IssuedKey, type KeyInfo, type Store, type TenantSummary, UnknownTenant } from '@triage/store';
import type { z } from 'zod';
import { AdminInputError, UnknownKey } from './errors.ts';
import { CreateTenant, CreateWidgetKey, CustomerRows, KeyParams, SetIdentitySecret, TenantId } from './schemas.ts';
import { type WebhookOperations, webhookOperations } from './webhook-operations.ts';

export interface CreatedKey extends IssuedKey {
  tenantId: string;
  kind: 'api' | 'widget';
  allowedOrigins?: string[] | undefined;
}

/**
 * What an operator can do, whether from the CLI on the database directly or through the admin
 * HTTP API: both call these, so each rule lives here once.
 */
export interface AdminOperations extends WebhookOperations {
  createTenant(input: { id: string; name?: string | undefined }): Promise<{ id: string; name?: string | undefined }>;
  listTenants(): Promise<TenantSummary[]>;
  createApiKey(tenantId: string): Promise<CreatedKey>;
  createWidgetKey(tenantId: string, origins: string[]): Promise<CreatedKey>;
  listKeys(tenantId: string): Promise<KeyInfo[]>;
  revokeKey(id: string): Promise<{ id: string; revoked: true }>;
  importCustomers(tenantId: string, customers: unknown): Promise<{ imported: number }>;
  /**
   * Sets the tenant's widget identity secret, with which its site signs the user ids the widget
   * sends (`data-user-hash`), to `secret` or a new one; the old one stops working at once.
   */
  setIdentitySecret(tenantId: string, secret?: string): Promise<{ tenantId: string; secret: string }>;
}

/** Validates input with the API's own schemas, so the CLI refuses exactly what the API would. */
const valid = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new AdminInputError(`${where}${issue?.message ?? 'invalid input'}`);
};

export interface AdminOptions {
  /** WEBHOOKS_ALLOW_PRIVATE: off, webhook endpoints must be https to public addresses. */
  allowPrivateWebhooks?: boolean;
}

export const adminOperations = (store: Store, { allowPrivateWebhooks = false }: AdminOptions = {}): AdminOperations => {
  const existingTenant = async (tenantId: string): Promise<string> => {
    const id = valid(TenantId, tenantId);
    if (!(await store.tenants.list()).includes(id)) throw new UnknownTenant(id);
    return id;
  };

  return {
    ...webhookOperations({ store, valid, existingTenant, allowPrivate: allowPrivateWebhooks }),

    async createTenant(input) {
      const { id, name } = valid(CreateTenant, input);
      await store.tenants.create(id, name);
      return { id, name };
    },

    listTenants: () => store.tenants.summaries(),

    async createApiKey(tenantId) {
      const key = await store.tenants.createApiKey(valid(TenantId, tenantId));
      return { ...key, tenantId, kind: 'api' };
    },

    async createWidgetKey(tenantId, origins) {
      const { origins: allowedOrigins } = valid(CreateWidgetKey, { origins });
      const key = await store.tenants.createWidgetKey(valid(TenantId, tenantId), allowedOrigins);
      return { ...key, tenantId, kind: 'widget', allowedOrigins };
    },

    listKeys: async (tenantId) => store.tenants.listKeys(await existingTenant(tenantId)),

    async revokeKey(id) {
      valid(KeyParams, { id });
      if (!(await store.tenants.revokeKey(id))) throw new UnknownKey(id);
      return { id, revoked: true };
    },

    async importCustomers(tenantId, customers) {
      const rows = valid(CustomerRows, customers);
      await store.customers.upsert(await existingTenant(tenantId), rows);
      return { imported: rows.length };
    },

    async setIdentitySecret(tenantId, chosen) {
      const { secret } = valid(SetIdentitySecret, { secret: chosen });
      return { tenantId, secret: await store.tenants.setIdentitySecret(valid(TenantId, tenantId), secret) };
    },
  };
};
