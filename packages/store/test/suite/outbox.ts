import { Topics } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import type { OutboxRow, Store } from '../../src/index.ts';
import { newTicket, receivedEvent, unsentIds, type StoreContext } from './fixtures.ts';

/** Drains everything currently unsent, so a test starts from an empty outbox. */
const drainAll = async (store: Store): Promise<void> => {
  while ((await store.outbox.drain(100, async () => {})) > 0);
};

export const describeOutbox = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('outbox', () => {
    it('never hands a row to two concurrent drainers, and every row is sent', async () => {
      await drainAll(context.store);
      const tenantId = await newTenant();
      const events = Array.from({ length: 40 }, () => receivedEvent(newTicket(tenantId)));
      await context.store.outbox.enqueue(tenantId, events);

      const drainer = async () => {
        const seen: OutboxRow[] = [];
        // Holding the batch a moment keeps its rows locked while the other drainer looks.
        while (
          (await context.store.outbox.drain(5, async (rows) => {
            seen.push(...rows);
            await new Promise((resolve) => setTimeout(resolve, 10));
          })) > 0
        );
        return seen;
      };
      const [one, two] = await Promise.all([drainer(), drainer()]);
      const ids = [...(one ?? []), ...(two ?? [])].map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(40);
      expect(one?.length).toBeGreaterThan(0);
      expect(two?.length).toBeGreaterThan(0);
      expect([...(one ?? []), ...(two ?? [])].map((r) => r.event.id).sort()).toEqual(events.map((e) => e.event.id).sort());
      expect(await unsentIds(context.store.sql, tenantId)).toEqual([]);
    });

    it('lets the callback write to the database while it holds its rows, as the bus journal does', async () => {
      await drainAll(context.store);
      const tenantId = await newTenant();
      await context.store.outbox.enqueue(tenantId, [receivedEvent(newTicket(tenantId))]);
      // On one session (PGlite) a transaction held across the callback would wait for itself forever.
      const drained = context.store.outbox.drain(10, async () => {
        await context.store.outbox.enqueue(tenantId, [receivedEvent(newTicket(tenantId))]);
      });
      expect(await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 5_000, 'stuck'))])).toBe(1);
      expect(await unsentIds(context.store.sql, tenantId)).toHaveLength(1);
    });

    it('keeps a batch unsent when the callback fails, in order for the next drain', async () => {
      await drainAll(context.store);
      const tenantId = await newTenant();
      const events = [1, 2, 3].map(() => receivedEvent(newTicket(tenantId)));
      await context.store.outbox.enqueue(tenantId, events);
      await expect(context.store.outbox.drain(10, async () => Promise.reject(new Error('broker down')))).rejects.toThrow('broker down');
      const delivered: OutboxRow[] = [];
      expect(await context.store.outbox.drain(10, async (rows) => void delivered.push(...rows))).toBe(3);
      expect(delivered.map((r) => r.event.id)).toEqual(events.map((e) => e.event.id));
      expect(delivered.map((r) => r.topic)).toEqual([Topics.ticketsReceived, Topics.ticketsReceived, Topics.ticketsReceived]);
    });
  });
};
