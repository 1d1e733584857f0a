import { describe, expect, it } from 'vitest';
import { asOwner, type StoreContext } from './fixtures.ts';

export const describeCustomers = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('customers', () => {
    it("inserts and replaces a tenant's customers, the last row of a customer listed twice winning", async () => {
      const tenantId = await newTenant();
      await context.store.customers.upsert(tenantId, [
        { id: 'c1', tier: 'free', vip: false },
        { id: 'c2', tier: 'pro', vip: true },
      ]);
      const first = await context.store.customers.get(tenantId, 'c1');
      await context.store.customers.upsert(tenantId, [
        { id: 'c1', tier: 'pro', vip: false },
        { id: 'c1', tier: 'enterprise', vip: true },
      ]);
      const updated = await context.store.customers.get(tenantId, 'c1');
      expect(updated).toMatchObject({ id: 'c1', tier: 'enterprise', vip: true });
      expect(Date.parse(updated?.updatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first?.updatedAt ?? ''));
      expect(await context.store.customers.get(tenantId, 'c2')).toMatchObject({ id: 'c2', tier: 'pro', vip: true });
      expect(await context.store.customers.get(tenantId, 'unknown')).toBeNull();
    });

    it("keeps one tenant's customers from another, and stores nothing from a batch with an invalid row", async () => {
      const [a, b] = [await newTenant(), await newTenant()];
      await context.store.customers.upsert(a, [{ id: 'shared', tier: 'enterprise', vip: true }]);
      expect(await context.store.customers.get(b, 'shared')).toBeNull();
      await expect(
        context.store.customers.upsert(b, [
          { id: 'ok', tier: 'pro', vip: false },
          { id: 'bad', tier: 'platinum' as 'pro', vip: false },
        ]),
      ).rejects.toThrow();
      expect(await asOwner(context.store.sql, 'SELECT id FROM customers WHERE tenant_id = $1', [b])).toEqual([]);
      expect(await context.store.sql.query('SELECT id FROM customers')).toEqual({ rows: [] });
    });
  });
};
