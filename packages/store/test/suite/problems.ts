import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LifecycleReport } from '@triage/contracts';
import type { ProblemTicket, ProblemWindow } from '../../src/index.ts';
import { newTicket, type StoreContext } from './fixtures.ts';

const resolved = (id: string, occurredAt: string, notes: string): LifecycleReport => ({
  type: 'resolved',
  id,
  occurredAt,
  notes,
  resolvingTier: 2,
});

/** Tickets stored with their vectors, customers and categories. */
const storeTickets = async (
  context: StoreContext,
  tenantId: string,
  rows: { customerId: string; category: string; embedding: number[] }[],
) => {
  const ids: string[] = [];
  for (const _ of rows) {
    const ticket = newTicket(tenantId);
    await context.store.tickets.create(ticket, []);
    ids.push(ticket.id);
  }
  await context.store.ticketVectors.add(
    tenantId,
    rows.map((r, i) => ({ ticketId: ids[i]!, ...r })),
  );
  return ids;
};

const problemTicket = (ticketId: string, customerId: string): ProblemTicket => ({
  ticketId,
  customerId,
  category: 'software',
  productArea: 'reporting',
  subject: 'Export fails',
  errorStrings: ['E_EXPORT_5003'],
  versions: [],
  excerpt: 'Export fails with E_EXPORT_5003.',
  routedAt: new Date().toISOString(),
});

export const describeProblems = (context: StoreContext): void => {
  describe('ticket vectors', () => {
    it('finds the nearest tickets of the tenant by the stored vector, with their state and resolution notes', async () => {
      const tenantId = await context.newTenant();
      const [me, near, solved, , old] = await storeTickets(context, tenantId, [
        { customerId: 'a', category: 'software', embedding: [1, 0, 0, 0] },
        { customerId: 'b', category: 'software', embedding: [0.9, 0.1, 0, 0] },
        { customerId: 'c', category: 'software', embedding: [0.8, 0.2, 0, 0] },
        { customerId: 'd', category: 'billing', embedding: [0, 0, 1, 0] },
        { customerId: 'e', category: 'software', embedding: [0.95, 0.05, 0, 0] },
      ]);
      const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
      await context.store.lifecycle.apply(tenantId, [solved!, old!], () => ({
        reports: [
          { ticketId: solved!, report: resolved(`r-${randomUUID()}`, new Date().toISOString(), 'Restarted the export worker.') },
          { ticketId: old!, report: resolved(`r-${randomUUID()}`, yearAgo, 'Long ago.') },
        ],
        events: [],
        examples: [],
        outcomes: new Map(),
        result: undefined,
      }));
      const other = await context.newTenant();
      await storeTickets(context, other, [{ customerId: 'x', category: 'software', embedding: [1, 0, 0, 0] }]);

      const related = await context.store.ticketVectors.related(tenantId, me!, {
        limit: 5,
        minSimilarity: 0.5,
        resolvedSince: new Date(Date.now() - 90 * 86_400_000).toISOString(),
      });
      // Not itself, not the far one, not one resolved a year ago, nothing of another tenant.
      expect(related.map((r) => r.ticketId)).toEqual([near, solved]);
      expect(related[0]).toMatchObject({ state: 'open', subject: 'Cannot log in' });
      expect(related[0]!.resolutionNotes).toBeUndefined();
      expect(related[1]).toMatchObject({ state: 'resolved', resolutionNotes: 'Restarted the export worker.' });
      expect(related[1]!.similarity).toBeCloseTo(0.8 / Math.hypot(0.8, 0.2), 5);
    });

    it('keeps the first vector of a ticket stored twice, and finds nothing for a ticket without one', async () => {
      const tenantId = await context.newTenant();
      const [a, b] = await storeTickets(context, tenantId, [
        { customerId: 'a', category: 'software', embedding: [1, 0, 0, 0] },
        { customerId: 'b', category: 'software', embedding: [1, 0, 0, 0] },
      ]);
      await context.store.ticketVectors.add(tenantId, [{ ticketId: b!, customerId: 'b', category: 'software', embedding: [0, 1, 0, 0] }]);
      const query = { limit: 5, minSimilarity: 0.9, resolvedSince: new Date(0).toISOString() };
      // Looked up in one turn (a composer's batch), in one statement: each gets its own.
      const [fromA, fromB] = await Promise.all([a!, b!].map((id) => context.store.ticketVectors.related(tenantId, id, query)));
      expect(fromA!.map((r) => r.ticketId)).toEqual([b]);
      expect(fromB!.map((r) => r.ticketId)).toEqual([a]);
      expect(await context.store.ticketVectors.related(tenantId, 'no-such-ticket', query)).toEqual([]);
    });
  });

  describe('incidents', () => {
    it('makes one incident of simultaneous reports of one outage, which later reports join by category or by vector', async () => {
      const tenantId = await context.newTenant();
      const rows = [
        // Four reports of one outage, each near all the others: whichever takes the lock first opens it.
        { customerId: 'a', category: 'software', embedding: [1, 0, 0, 0] },
        { customerId: 'b', category: 'software', embedding: [0.95, 0.05, 0, 0] },
        { customerId: 'c', category: 'software', embedding: [0.9, 0, 0.1, 0] },
        { customerId: 'd', category: 'software', embedding: [0.97, 0, 0, 0.05] },
        // Near the outage but filed under another category: joins by its vector.
        { customerId: 'e', category: 'payments', embedding: [0.9, 0.1, 0, 0] },
        // Worded apart but of the outage's category: joins by category.
        { customerId: 'f', category: 'software', embedding: [0.2, 1, 0, 0] },
        // Neither: another incident.
        { customerId: 'g', category: 'network', embedding: [0, 0, 0, 1] },
      ];
      const ids = await storeTickets(context, tenantId, rows);
      const match = { windowMs: 30 * 60_000, minSimilarity: 0.8, byCategory: true };
      const report = (i: number) =>
        context.store.incidents.report(
          tenantId,
          { ticketId: ids[i]!, customerId: rows[i]!.customerId, category: rows[i]!.category, reportedAt: new Date().toISOString() },
          match,
        );
      const four = await Promise.all([0, 1, 2, 3].map(report));
      expect(new Set(four.map((m) => m.incidentId)).size).toBe(1);
      expect(four.filter((m) => m.action === 'opened')).toHaveLength(1);
      expect(Math.max(...four.map((m) => m.tickets))).toBe(4);
      expect(four.find((m) => m.tickets === 4)!.customers).toEqual(['a', 'b', 'c', 'd']);
      const incidentId = four[0]!.incidentId;
      // Reported again (a redelivery): the same incident, not a fifth member.
      expect(await report(0)).toMatchObject({ incidentId, tickets: 4 });
      expect(await report(4)).toMatchObject({ incidentId, action: 'joined', tickets: 5 });
      expect(await report(5)).toMatchObject({ incidentId, action: 'joined', tickets: 6 });
      const unrelated = await report(6);
      expect(unrelated).toMatchObject({ action: 'opened', tickets: 1 });
      expect(unrelated.incidentId).not.toBe(incidentId);
    });
  });

  describe('problems', () => {
    it('hands the window to decide, writes the problem with its members and events, and resolves it', async () => {
      const tenantId = await context.newTenant();
      const ids = await storeTickets(
        context,
        tenantId,
        ['a', 'b', 'c'].map((customerId) => ({ customerId, category: 'software', embedding: [1, 0, 0, 0] })),
      );
      const window: ProblemWindow = { since: new Date(Date.now() - 60_000).toISOString(), minSimilarity: 0.5, historyMs: 86_400_000 };
      const hoods: number[] = [];
      for (const [i, id] of ids.entries()) {
        await context.store.problems.observe<{ n: number }, void>(tenantId, problemTicket(id, 'abc'[i]!), window, (hood) => {
          hoods.push(hood.candidates.length);
          expect(hood.categoryCounts.inWindow).toBe(i + 1);
          const opens = i === 2;
          return {
            problem: opens
              ? { value: { id: 'p1', state: 'open', category: 'software', signature: ['E_EXPORT_5003'], record: { n: 3 } }, members: ids }
              : undefined,
            events: [],
            result: undefined,
          };
        });
      }
      // Each ticket saw the unassigned ones before it.
      expect(hoods).toEqual([0, 1, 2]);
      const seen = await context.store.problems.observe(tenantId, problemTicket(ids[0]!, 'a'), window, (hood) => ({
        events: [],
        result: hood.seen,
      }));
      expect(seen).toBe(true);
      const [listed] = await context.store.problems.list<{ n: number }>(tenantId, { limit: 10 });
      expect(listed).toMatchObject({ id: 'p1', state: 'open', record: { n: 3 } });
      expect(listed!.members.map((m) => m.ticketId).sort()).toEqual([...ids].sort());

      const at = new Date().toISOString();
      const result = await context.store.problems.resolveMember<{ n: number }, string>(
        tenantId,
        { ticketId: ids[0]!, at, notes: 'fixed' },
        (p) => ({
          problem: { value: { ...p, state: 'resolved' }, members: [] },
          events: [],
          result: p.members.find((m) => m.ticketId === ids[0])!.resolution ?? '',
        }),
      );
      expect(result).toBe('fixed');
      expect(await context.store.problems.get(tenantId, 'p1')).toMatchObject({ state: 'resolved' });
      // A resolved problem decides nothing more; neither does a ticket in no problem.
      expect(
        await context.store.problems.resolveMember(tenantId, { ticketId: ids[1]!, at }, () => ({ events: [], result: 'x' })),
      ).toBeUndefined();
      const other = await context.newTenant();
      expect(await context.store.problems.list(other, { limit: 10 })).toEqual([]);
    });
  });
};
