import { LifecycleReport, Ticket } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import { newTicket, type StoreContext } from './fixtures.ts';

const FROM = '2025-03-01T00:00:00.000Z';
const TO = '2025-03-08T00:00:00.000Z';

const report = (type: 'assigned' | 'resolved' | 'reopened', id: string, occurredAt: string): LifecycleReport =>
  LifecycleReport.parse(
    type === 'assigned'
      ? { type, id, occurredAt, queue: 'q', tier: 1 }
      : type === 'resolved'
        ? { type, id, occurredAt, notes: 'done', resolvingTier: 1 }
        : { type, id, occurredAt },
  );

export const describeTicketHistory = (context: StoreContext): void => {
  const { newTenant } = context;

  const stored = async (tenantId: string, name: string, receivedAt: string, reports: LifecycleReport[] = [], assessed = true) => {
    const ticket = Ticket.parse({ ...newTicket(tenantId), receivedAt, subject: name });
    await context.store.tickets.create(ticket, []);
    if (assessed)
      await context.store.tickets.recordStages(tenantId, 'assess', [{ ticketId: ticket.id, output: { queue: name }, source: 's' }]);
    if (reports.length) {
      await context.store.lifecycle.apply(tenantId, [ticket.id], () => ({
        reports: reports.map((r) => ({ ticketId: ticket.id, report: r })),
        events: [],
        examples: [],
        outcomes: new Map(),
        result: undefined,
      }));
    }
    return ticket;
  };
  const names = (rows: { ticket: Ticket }[]) => rows.map((r) => r.ticket.subject);

  describe('ticket history', () => {
    it('holds the tickets received in the period, reported on in it, or still open, newest first, with their timelines in order', async () => {
      const tenantId = await newTenant();
      const other = await newTenant();
      await stored(tenantId, 'in the period', '2025-03-03T10:00:00.000Z', [
        report('resolved', 'r1', '2025-03-03T12:00:00.000Z'),
        report('assigned', 'a1', '2025-03-03T10:05:00.000Z'),
      ]);
      await stored(tenantId, 'settled before', '2025-02-20T10:00:00.000Z', [report('resolved', 'r2', '2025-02-21T10:00:00.000Z')]);
      await stored(tenantId, 'reported in the period', '2025-02-20T11:00:00.000Z', [
        report('resolved', 'r3', '2025-02-21T10:00:00.000Z'),
        report('reopened', 'o3', '2025-03-02T10:00:00.000Z'),
        report('resolved', 'r3b', '2025-03-02T11:00:00.000Z'),
      ]);
      await stored(tenantId, 'open since before', '2025-02-10T10:00:00.000Z');
      await stored(tenantId, 'never routed, before', '2025-02-10T10:00:00.000Z', [], false);
      await stored(tenantId, 'after the period', '2025-03-09T10:00:00.000Z');
      await stored(other, 'another tenant', '2025-03-03T10:00:00.000Z');

      const { tickets, truncated } = await context.store.ticketHistory.between(tenantId, { from: FROM, to: TO, limit: 10 });
      expect(truncated).toBe(false);
      expect(names(tickets)).toEqual(['in the period', 'reported in the period', 'open since before']);
      expect(tickets[0]!.assessed).toEqual({ queue: 'in the period' });
      expect(tickets[0]!.timeline.map((r) => r.id)).toEqual(['a1', 'r1']);
    });

    it('reads at most `limit` tickets, the newest, and says more matched', async () => {
      const tenantId = await newTenant();
      for (const day of ['02', '03', '04']) await stored(tenantId, `day ${day}`, `2025-03-${day}T10:00:00.000Z`);
      const { tickets, truncated } = await context.store.ticketHistory.between(tenantId, { from: FROM, to: TO, limit: 2 });
      expect(names(tickets)).toEqual(['day 04', 'day 03']);
      expect(truncated).toBe(true);
    });
  });

  describe('example categories', () => {
    it("lists the distinct categories of the tenant's examples, in order", async () => {
      const tenantId = await newTenant();
      await context.store.examples.add(tenantId, [
        { text: 'a', category: 'network', source: 'seed' },
        { text: 'b', category: 'billing', source: 'import' },
        { text: 'c', category: 'network', source: 'correction' },
      ]);
      expect(await context.store.examples.categories(tenantId)).toEqual(['billing', 'network']);
      expect(await context.store.examples.categories(await newTenant())).toEqual([]);
    });
  });
};
