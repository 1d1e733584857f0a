import { createPgliteStore, type Store } from '@triage/store';

/** An in-memory store holding each tenant with its API key: `{ acme: 'key-of-acme' }`. */
export const pgliteWithTenants = async (apiKeys: Record<string, string>): Promise<Store> => {
  const store = await createPgliteStore({ embeddingDim: 8 });
  for (const [tenant, key] of Object.entries(apiKeys)) {
    await store.tenants.ensure(tenant);
    await store.tenants.createApiKey(tenant, key);
  }
  return store;
};
