import { describe, expect, it } from 'vitest';
import { newTicket, type StoreContext } from './fixtures.ts';

export const describeEscalation = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('escalation', () => {
    it("counts each customer's tickets since a moment, up to a limit, within the tenant only", async () => {
      const [tenantId, other] = [await newTenant(), await newTenant()];
      const fromCustomer = (tenant: string, customerId: string) => ({
        ...newTicket(tenant),
        customer: { id: customerId, tier: 'pro' as const, vip: false },
      });
      for (const ticket of [
        ...Array.from({ length: 4 }, () => fromCustomer(tenantId, 'busy')),
        fromCustomer(tenantId, 'once'),
        ...Array.from({ length: 3 }, () => fromCustomer(other, 'once')),
      ])
        await context.store.tickets.create(ticket, []);
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();

      const counted = await context.store.escalation.recentTickets(tenantId, ['busy', 'once', 'never', 'busy'], hourAgo, 10);
      expect(Object.fromEntries(counted)).toEqual({ busy: 4, once: 1, never: 0 });
      expect(Object.fromEntries(await context.store.escalation.recentTickets(tenantId, ['busy', 'once'], hourAgo, 3))).toEqual({
        busy: 3,
        once: 1,
      });
      const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
      expect(Object.fromEntries(await context.store.escalation.recentTickets(tenantId, ['busy'], inAnHour, 10))).toEqual({ busy: 0 });
    });
  });
};
