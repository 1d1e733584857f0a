import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoreContext } from './fixtures.ts';

export const describeTenants = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('tenants and keys', () => {
    it('keeps only the sha256 of an API key and resolves the key to its tenant', async () => {
      const tenantId = await newTenant();
      const key = await context.store.tenants.createApiKey(tenantId);
      expect(await context.store.tenants.resolveApiKey(key)).toEqual({ tenantId });
      expect(await context.store.tenants.resolveApiKey(`${key}x`)).toBeNull();
      const stored = await context.store.sql.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE tenant_id = $1', [tenantId]);
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0]?.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
      expect(JSON.stringify(stored.rows)).not.toContain(key);
    });

    it('resolves widget keys with their allowed origins and rejects a non-origin', async () => {
      const tenantId = await newTenant();
      const key = await context.store.tenants.createWidgetKey(tenantId, ['https://shop.example', 'http://localhost:3000']);
      expect(await context.store.tenants.resolveWidgetKey(key)).toEqual({
        tenantId,
        allowedOrigins: ['https://shop.example', 'http://localhost:3000'],
      });
      expect(await context.store.tenants.resolveWidgetKey('wk_unknown')).toBeNull();
      await expect(context.store.tenants.createWidgetKey(tenantId, ['https://shop.example/path'])).rejects.toThrow('is not an origin');
    });
  });
};
