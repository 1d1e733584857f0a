import type { Envelope } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import { IdempotencyKeyReused } from '../../src/index.ts';
import { asOwner, newTicket, receivedEvent, unsentIds, type StoreContext } from './fixtures.ts';

export const describeTickets = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('tickets', () => {
    it('stores a ticket with its outbox events once per idempotency key', async () => {
      const tenantId = await newTenant();
      const first = newTicket(tenantId);
      const firstEvent = receivedEvent(first);
      const key = { key: 'req-1', fingerprint: 'body-1' };
      expect(await context.store.tickets.create(first, [firstEvent], key)).toEqual({ id: first.id, created: true });
      const retry = newTicket(tenantId);
      expect(await context.store.tickets.create(retry, [receivedEvent(retry)], key)).toEqual({ id: first.id, created: false });

      expect(await context.store.tickets.get(tenantId, retry.id)).toBeNull();
      expect((await context.store.tickets.get(tenantId, first.id))?.ticket).toEqual(first);
      const outbox = await context.store.sql.query<{ event: Envelope }>('SELECT event FROM outbox WHERE tenant_id = $1', [tenantId]);
      expect(outbox.rows.map((r) => r.event)).toEqual([firstEvent.event]);
    });

    it('keeps an idempotency key per tenant', async () => {
      const [a, b] = [await newTenant(), await newTenant()];
      expect((await context.store.tickets.create(newTicket(a), [], { key: 'same-key', fingerprint: 'a' })).created).toBe(true);
      expect((await context.store.tickets.create(newTicket(b), [], { key: 'same-key', fingerprint: 'b' })).created).toBe(true);
    });

    it('refuses an idempotency key that comes back with another request, and stores nothing for it', async () => {
      const tenantId = await newTenant();
      const first = newTicket(tenantId);
      await context.store.tickets.create(first, [receivedEvent(first)], { key: 'req-2', fingerprint: 'body-1' });
      const before = await unsentIds(context.store.sql, tenantId);
      const other = newTicket(tenantId);
      const reuse = context.store.tickets.create(other, [receivedEvent(other)], { key: 'req-2', fingerprint: 'body-2' });
      await expect(reuse).rejects.toThrow(IdempotencyKeyReused);
      await expect(reuse).rejects.toMatchObject({ key: 'req-2' });
      expect(await context.store.tickets.get(tenantId, other.id)).toBeNull();
      expect(await unsentIds(context.store.sql, tenantId)).toEqual(before);
    });

    it('takes any request with a key stored before fingerprints as a retry', async () => {
      const tenantId = await newTenant();
      const legacy = newTicket(tenantId);
      await asOwner(context.store.sql, 'INSERT INTO tickets (tenant_id, id, idempotency_key, ticket) VALUES ($1, $2, $3, $4)', [
        tenantId,
        legacy.id,
        'old-key',
        JSON.stringify(legacy),
      ]);
      expect(await context.store.tickets.create(newTicket(tenantId), [], { key: 'old-key', fingerprint: 'any' })).toEqual({
        id: legacy.id,
        created: false,
      });
    });

    it('writes no outbox row when the ticket insert fails, and no ticket when an event is rejected', async () => {
      const tenantId = await newTenant();
      const ticket = newTicket(tenantId);
      await context.store.tickets.create(ticket, [receivedEvent(ticket)]);
      const before = await unsentIds(context.store.sql, tenantId);

      await expect(context.store.tickets.create(ticket, [receivedEvent(ticket)])).rejects.toThrow(/duplicate key/);
      expect(await unsentIds(context.store.sql, tenantId)).toEqual(before);

      const other = newTicket(tenantId);
      const foreignEvent = receivedEvent(newTicket(await newTenant()));
      await expect(context.store.tickets.create(other, [foreignEvent])).rejects.toThrow('belongs to tenant');
      expect(await context.store.tickets.get(tenantId, other.id)).toBeNull();
    });

    it('records a stage once: the first output wins, also between concurrent writers', async () => {
      const tenantId = await newTenant();
      const ticket = newTicket(tenantId);
      await context.store.tickets.create(ticket, []);
      const record = (output: unknown, source: string) =>
        context.store.tickets.recordStages(tenantId, 'categorize', [{ ticketId: ticket.id, output, source }]);
      expect(await record({ category: 'login' }, 'in/0/7')).toEqual([{ output: { category: 'login' }, firstTime: true, source: 'in/0/7' }]);
      // A later delivery learns which delivery decided, so it can tell a redelivery from a duplicate.
      expect(await record({ category: 'billing' }, 'in/1/3')).toEqual([
        { output: { category: 'login' }, firstTime: false, source: 'in/0/7' },
      ]);

      const racers = await Promise.all(
        ['a', 'b', 'c'].map((v, i) =>
          context.store.tickets.recordStages(tenantId, 'route', [{ ticketId: ticket.id, output: { queue: v }, source: `in/0/${i}` }]),
        ),
      );
      expect(racers.flat().filter((r) => r.firstTime)).toHaveLength(1);
      expect(new Set(racers.flat().map((r) => JSON.stringify(r.output))).size).toBe(1);

      const stored = await context.store.tickets.get(tenantId, ticket.id);
      expect(stored?.stages).toEqual({ categorize: { category: 'login' }, route: racers[0]![0]!.output });
    });

    it('records a batch in input order: new tickets, already recorded ones and a ticket listed twice', async () => {
      const tenantId = await newTenant();
      const [a, b, c] = [newTicket(tenantId), newTicket(tenantId), newTicket(tenantId)];
      for (const t of [a, b, c]) await context.store.tickets.create(t, []);
      await context.store.tickets.recordStages(tenantId, 'assess', [{ ticketId: b.id, output: { tier: 1 }, source: 'in/0/1' }]);

      const results = await context.store.tickets.recordStages(tenantId, 'assess', [
        { ticketId: a.id, output: { tier: 0, note: undefined }, source: 'in/2/10' },
        { ticketId: b.id, output: { tier: 3 }, source: 'in/2/11' },
        { ticketId: c.id, output: { tier: 2 }, source: 'in/2/12' },
        { ticketId: a.id, output: { tier: 3 }, source: 'in/2/13' },
      ]);
      expect(results).toEqual([
        // The output as stored (undefined fields dropped), as a redelivery would read it back.
        { output: { tier: 0 }, firstTime: true, source: 'in/2/10' },
        { output: { tier: 1 }, firstTime: false, source: 'in/0/1' },
        { output: { tier: 2 }, firstTime: true, source: 'in/2/12' },
        { output: { tier: 0 }, firstTime: false, source: 'in/2/10' },
      ]);
      expect(Object.keys(results[0]!.output as object)).toEqual(['tier']);
      expect((await context.store.tickets.get(tenantId, a.id))?.stages).toEqual({ assess: { tier: 0 } });
      expect(await context.store.tickets.recordStages(tenantId, 'assess', [])).toEqual([]);
    });

    it('stores the vectors given with a batch in its transaction, a ticket keeping its first', async () => {
      const tenantId = await newTenant();
      const [a, b, c] = [newTicket(tenantId), newTicket(tenantId), newTicket(tenantId)];
      for (const t of [a, b, c]) await context.store.tickets.create(t, []);
      const vector = (ticketId: string, embedding: number[]) => ({ ticketId, customerId: 'cust', category: 'login', embedding });
      const stored = async () =>
        (
          await asOwner<{ ticket_id: string; embedding: string }>(
            context.store.sql,
            'SELECT ticket_id, embedding::text AS embedding FROM ticket_vectors WHERE tenant_id = $1',
            [tenantId],
          )
        )
          .map((r) => [r.ticket_id, r.embedding])
          .sort();
      await context.store.tickets.recordStages(
        tenantId,
        'categorize',
        [{ ticketId: a.id, output: {}, source: 'in/0/1' }],
        [vector(a.id, [1, 0, 0, 0])],
      );
      // The same delivery again, with b: a keeps its first vector.
      await context.store.tickets.recordStages(
        tenantId,
        'categorize',
        [
          { ticketId: b.id, output: {}, source: 'in/0/2' },
          { ticketId: a.id, output: {}, source: 'in/0/1' },
        ],
        [vector(b.id, [0, 1, 0, 0]), vector(a.id, [0, 0, 1, 0])],
      );
      const expected = [
        [a.id, '[1,0,0,0]'],
        [b.id, '[0,1,0,0]'],
      ].sort();
      expect(await stored()).toEqual(expected);
      // A batch that cannot be recorded keeps none of its vectors.
      await expect(
        context.store.tickets.recordStages(
          tenantId,
          'categorize',
          [{ ticketId: 'no-such-ticket', output: {}, source: 'in/0/3' }],
          [vector(c.id, [0, 0, 0, 1])],
        ),
      ).rejects.toThrow(/foreign key/);
      expect(await stored()).toEqual(expected);
    });

    it('refuses to record a stage of a ticket it does not have', async () => {
      const tenantId = await newTenant();
      await expect(
        context.store.tickets.recordStages(tenantId, 'assess', [{ ticketId: 'no-such-ticket', output: {}, source: 'in/0/1' }]),
      ).rejects.toThrow(/foreign key/);
    });
  });
};
