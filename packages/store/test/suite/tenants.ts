import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TenantExists, UnknownTenant } from '../../src/index.ts';
import type { StoreContext } from './fixtures.ts';

const sha256 = (key: string): string => createHash('sha256').update(key).digest('hex');

export const describeTenants = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('tenants and keys', () => {
    it('keeps only the sha256 of an API key and resolves the key to its tenant', async () => {
      const tenantId = await newTenant();
      const { key } = await context.store.tenants.createApiKey(tenantId);
      expect(await context.store.tenants.resolveApiKey(key)).toEqual({ tenantId });
      expect(await context.store.tenants.resolveApiKey(`${key}x`)).toBeNull();
      const stored = await context.store.sql.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE tenant_id = $1', [tenantId]);
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0]?.key_hash).toBe(sha256(key));
      expect(JSON.stringify(stored.rows)).not.toContain(key);
    });

    it('resolves widget keys with their allowed origins, keeps them hashed and rejects what is not a site origin', async () => {
      const tenantId = await newTenant();
      const { key } = await context.store.tenants.createWidgetKey(tenantId, ['https://shop.example', 'http://localhost:3000']);
      expect(await context.store.tenants.resolveWidgetKey(key)).toEqual({
        tenantId,
        allowedOrigins: ['https://shop.example', 'http://localhost:3000'],
      });
      expect(await context.store.tenants.resolveWidgetKey('wk_unknown')).toBeNull();
      const stored = await context.store.sql.query('SELECT * FROM widget_keys WHERE tenant_id = $1', [tenantId]);
      expect(stored.rows).toMatchObject([{ key_hash: sha256(key) }]);
      expect(JSON.stringify(stored.rows)).not.toContain(key);
      for (const origin of ['https://shop.example/path', 'https://shop.example/', 'http://shop.example', 'shop.example']) {
        await expect(context.store.tenants.createWidgetKey(tenantId, [origin])).rejects.toThrow('is not an origin');
      }
    });

    it('creates a tenant once and lists each with its live keys', async () => {
      const tenantId = `t-new-${Date.now()}`;
      await context.store.tenants.create(tenantId, 'New Co');
      await expect(context.store.tenants.create(tenantId)).rejects.toThrow(TenantExists);
      const api = await context.store.tenants.createApiKey(tenantId);
      await context.store.tenants.createApiKey(tenantId);
      await context.store.tenants.createWidgetKey(tenantId, ['https://new.example']);
      await context.store.tenants.revokeKey(api.id);
      const summary = (await context.store.tenants.summaries()).find((t) => t.id === tenantId);
      expect(summary).toMatchObject({ id: tenantId, name: 'New Co', apiKeys: 1, widgetKeys: 1 });
    });

    it('refuses a key for a tenant that does not exist', async () => {
      await expect(context.store.tenants.createApiKey('no-such-tenant')).rejects.toThrow(UnknownTenant);
      await expect(context.store.tenants.createWidgetKey('no-such-tenant', ['https://x.example'])).rejects.toThrow(UnknownTenant);
    });

    it('lists keys by id and prefix only, and a revoked key no longer resolves', async () => {
      const tenantId = await newTenant();
      const api = await context.store.tenants.createApiKey(tenantId);
      // Keys list by creation time, then id: two made in one millisecond of PGlite's clock would fall
      // to the order of their random ids (a run saw the widget key listed first).
      await sleep(2);
      const widget = await context.store.tenants.createWidgetKey(tenantId, ['https://shop.example']);
      expect(api.key.startsWith(api.prefix)).toBe(true);
      expect(api.prefix).toHaveLength(7);

      expect(await context.store.tenants.revokeKey(api.id)).toBe(true);
      expect(await context.store.tenants.revokeKey(api.id)).toBe(false);
      expect(await context.store.tenants.revokeKey('not-a-uuid')).toBe(false);
      expect(await context.store.tenants.resolveApiKey(api.key)).toBeNull();
      expect(await context.store.tenants.revokeKey(widget.id)).toBe(true);
      expect(await context.store.tenants.resolveWidgetKey(widget.key)).toBeNull();

      const keys = await context.store.tenants.listKeys(tenantId);
      expect(keys).toEqual([
        { id: api.id, kind: 'api', prefix: api.prefix, allowedOrigins: undefined, createdAt: api.createdAt, revokedAt: expect.any(String) },
        {
          id: widget.id,
          kind: 'widget',
          prefix: widget.prefix,
          allowedOrigins: ['https://shop.example'],
          createdAt: widget.createdAt,
          revokedAt: expect.any(String),
        },
      ]);
      expect(JSON.stringify(keys)).not.toContain(api.key);
    });

    it('shows no more than a quarter of a short chosen key', async () => {
      const tenantId = await newTenant();
      expect((await context.store.tenants.createApiKey(tenantId, 'abcdefgh')).prefix).toBe('ab');
    });

    it("tells whether any live widget key admits an origin, whichever tenant's it is", async () => {
      const origin = `https://shop-${Date.now()}.example`;
      expect(await context.store.tenants.widgetOriginAllowed(origin)).toBe(false);
      const widget = await context.store.tenants.createWidgetKey(await newTenant(), [origin]);
      expect(await context.store.tenants.widgetOriginAllowed(origin)).toBe(true);
      await context.store.tenants.revokeKey(widget.id);
      expect(await context.store.tenants.widgetOriginAllowed(origin)).toBe(false);
    });

    it('keeps one widget identity secret per tenant, generated or chosen, the last one set winning', async () => {
      const tenantId = await newTenant();
      expect(await context.store.tenants.identitySecret(tenantId)).toBeNull();
      const generated = await context.store.tenants.setIdentitySecret(tenantId);
      expect(generated).toMatch(/^wis_[\w-]{43}$/);
      expect(await context.store.tenants.identitySecret(tenantId)).toBe(generated);
      const chosen = 'a-chosen-secret-of-thirty-two-chars!';
      expect(await context.store.tenants.setIdentitySecret(tenantId, chosen)).toBe(chosen);
      expect(await context.store.tenants.identitySecret(tenantId)).toBe(chosen);
      await expect(context.store.tenants.setIdentitySecret(tenantId, 'short')).rejects.toThrow('at least 32 characters');
      await expect(context.store.tenants.setIdentitySecret('no-such-tenant')).rejects.toThrow(UnknownTenant);
    });
  });
};
