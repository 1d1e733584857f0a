import { describe, expect, it } from 'vitest';
import type { StoreContext } from './fixtures.ts';

export const describeExamples = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('examples, models', () => {
    it('lists labeled examples in insertion order', async () => {
      const tenantId = await newTenant();
      await context.store.examples.add(tenantId, [
        { text: 'refund please', category: 'billing', source: 'seed' },
        { text: 'site is down', category: 'outage', kind: 'incident', source: 'correction', ticketId: 't9' },
      ]);
      expect(await context.store.examples.list(tenantId)).toEqual([
        { text: 'refund please', category: 'billing', kind: undefined, source: 'seed', ticketId: undefined },
        { text: 'site is down', category: 'outage', kind: 'incident', source: 'correction', ticketId: 't9' },
      ]);
    });

    it('returns the latest saved model with its bytes intact', async () => {
      const tenantId = await newTenant();
      expect(await context.store.models.latest(tenantId, 'categorizer')).toBeNull();
      await context.store.models.save(tenantId, {
        name: 'categorizer',
        version: 'v1',
        data: new Uint8Array([1, 2, 3]),
        metrics: { accuracy: 0.9 },
      });
      await context.store.models.save(tenantId, {
        name: 'categorizer',
        version: 'v2',
        data: new Uint8Array([0, 255, 7]),
        metrics: { accuracy: 0.93 },
      });
      const latest = await context.store.models.latest(tenantId, 'categorizer');
      expect(latest).toMatchObject({ name: 'categorizer', version: 'v2', metrics: { accuracy: 0.93 } });
      expect([...(latest?.data ?? [])]).toEqual([0, 255, 7]);
      expect(latest?.data).toBeInstanceOf(Uint8Array);
    });
  });
};
