import { createEvent, LifecycleReport, Topics } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import { type LifecycleWrite, ReportIdTaken } from '../../src/index.ts';
import { asOwner, newTicket, type StoreContext } from './fixtures.ts';

const assigned = (id: string, minute = 0): LifecycleReport =>
  LifecycleReport.parse({ type: 'assigned', id, occurredAt: `2025-03-04T09:${String(minute).padStart(2, '0')}:00Z`, queue: 'q', tier: 1 });

const nothing: LifecycleWrite<string> = { reports: [], events: [], examples: [], outcomes: new Map(), result: 'nothing' };

/** `reports` for `ticketId`, as a write names them. */
const on = (ticketId: string, ...reports: LifecycleReport[]) => reports.map((report) => ({ ticketId, report }));

export const describeLifecycle = (context: StoreContext): void => {
  const { newTenant } = context;

  const ticketOf = async (tenantId?: string) => {
    const tenant = tenantId ?? (await newTenant());
    const ticket = newTicket(tenant);
    await context.store.tickets.create(ticket, []);
    return { tenantId: tenant, ticket };
  };

  const timelineIds = async (tenantId: string, ticketId: string) =>
    (await context.store.lifecycle.timeline(tenantId, ticketId)).map((e) => e.report.id);

  describe('lifecycle', () => {
    it('writes the reports, their events, examples and outcome together, and returns what was decided', async () => {
      const { tenantId, ticket } = await ticketOf();
      const reports = [assigned('a', 5), assigned('b', 1)];
      const event = createEvent(Topics.ticketsLifecycleApplied, {
        tenantId,
        key: ticket.id,
        payload: { ticketId: ticket.id, report: reports[0]!, previousState: 'open', state: 'assigned', late: false },
      });
      const result = await context.store.lifecycle.apply(tenantId, [ticket.id], (tickets) => {
        expect([...tickets.keys()]).toEqual([ticket.id]);
        expect(tickets.get(ticket.id)!.stored.ticket).toEqual(ticket);
        expect(tickets.get(ticket.id)!.timeline).toEqual([]);
        return {
          reports: on(ticket.id, ...reports),
          events: [{ topic: Topics.ticketsLifecycleApplied, event }],
          examples: [{ text: 'x', category: 'billing', source: 'correction', ticketId: ticket.id }],
          outcomes: new Map([[ticket.id, { priority: 'P2' as const, tier: 1 }]]),
          result: 'written',
        };
      });
      expect(result).toBe('written');
      const timeline = await context.store.lifecycle.timeline(tenantId, ticket.id);
      // In order of arrival: ordering by occurrence is the reader's rule.
      expect(timeline.map((e) => e.report)).toEqual(reports);
      expect(timeline[0]!.seq).toBeLessThan(timeline[1]!.seq);
      expect(await context.store.lifecycle.outcome(tenantId, ticket.id)).toEqual({ category: undefined, priority: 'P2', tier: 1 });
      expect((await context.store.examples.list(tenantId)).map((e) => e.category)).toEqual(['billing']);
      const outbox = await asOwner<{ event: { id: string } }>(context.store.sql, 'SELECT event FROM outbox WHERE tenant_id = $1', [
        tenantId,
      ]);
      expect(outbox.map((r) => r.event.id)).toEqual([event.id]);
    });

    it('decides over many tickets at once, each with its own timeline, and keeps the order of arrival across them', async () => {
      const { tenantId, ticket: one } = await ticketOf();
      const { ticket: two } = await ticketOf(tenantId);
      await context.store.lifecycle.apply(tenantId, [one.id], () => ({ ...nothing, reports: on(one.id, assigned('one-1')) }));
      const seen = await context.store.lifecycle.apply(tenantId, [two.id, 'no-such-ticket', one.id, two.id], (tickets) => ({
        ...nothing,
        reports: [...on(two.id, assigned('two-1')), ...on(one.id, assigned('one-2')), ...on(two.id, assigned('two-2'))],
        outcomes: new Map([
          [one.id, { tier: 1 }],
          [two.id, { tier: 2 }],
        ]),
        result: new Map([...tickets].map(([id, t]) => [id, t.timeline.map((e) => e.report.id)])),
      }));
      expect(seen).toEqual(
        new Map([
          [one.id, ['one-1']],
          [two.id, []],
        ]),
      );
      const seqs = await Promise.all(
        [one.id, two.id].map(async (id) =>
          (await context.store.lifecycle.timeline(tenantId, id)).map((e) => [e.report.id, e.seq] as const),
        ),
      );
      const arrival = seqs
        .flat()
        .toSorted((a, b) => a[1] - b[1])
        .map(([id]) => id);
      expect(arrival).toEqual(['one-1', 'two-1', 'one-2', 'two-2']);
      expect(await context.store.lifecycle.outcome(tenantId, two.id)).toEqual({ category: undefined, priority: undefined, tier: 2 });
    });

    it('hands the next decision the timeline so far', async () => {
      const { tenantId, ticket } = await ticketOf();
      await context.store.lifecycle.apply(tenantId, [ticket.id], () => ({ ...nothing, reports: on(ticket.id, assigned('first')) }));
      const seen = await context.store.lifecycle.apply(tenantId, [ticket.id], (tickets) => ({
        ...nothing,
        result: tickets
          .get(ticket.id)!
          .timeline.map((e) => e.report.id)
          .join(),
      }));
      expect(seen).toBe('first');
    });

    it("hands no ticket for another tenant's ticket nor for an unknown one", async () => {
      const { ticket } = await ticketOf();
      const other = await newTenant();
      const seen = await context.store.lifecycle.apply(other, [ticket.id, 'no-such-ticket'], (tickets) => ({
        ...nothing,
        result: tickets.size,
      }));
      expect(seen).toBe(0);
      expect(await context.store.lifecycle.timeline(other, ticket.id)).toEqual([]);
    });

    it("refuses a report id another of the tenant's tickets holds and writes nothing of the request", async () => {
      const { tenantId, ticket } = await ticketOf();
      const { ticket: second } = await ticketOf(tenantId);
      await context.store.lifecycle.apply(tenantId, [ticket.id], () => ({ ...nothing, reports: on(ticket.id, assigned('shared')) }));
      const taking = context.store.lifecycle.apply(tenantId, [second.id], () => ({
        ...nothing,
        reports: on(second.id, assigned('fresh'), assigned('shared')),
        outcomes: new Map([[second.id, { tier: 2 }]]),
      }));
      await expect(taking).rejects.toThrow(ReportIdTaken);
      await expect(taking).rejects.toMatchObject({ reportId: 'shared', ticketId: second.id });
      expect(await context.store.lifecycle.timeline(tenantId, second.id)).toEqual([]);
      expect(await context.store.lifecycle.outcome(tenantId, second.id)).toBeNull();
      // Another tenant may use the same id.
      const { tenantId: otherTenant, ticket: theirs } = await ticketOf();
      await context.store.lifecycle.apply(otherTenant, [theirs.id], () => ({ ...nothing, reports: on(theirs.id, assigned('shared')) }));
      expect(await context.store.lifecycle.timeline(otherTenant, theirs.id)).toHaveLength(1);
    });

    it('refuses the later of two tickets given one report id in the same write', async () => {
      const { tenantId, ticket: one } = await ticketOf();
      const { ticket: two } = await ticketOf(tenantId);
      const taking = context.store.lifecycle.apply(tenantId, [one.id, two.id], () => ({
        ...nothing,
        reports: [...on(two.id, assigned('twice')), ...on(one.id, assigned('twice'))],
      }));
      await expect(taking).rejects.toMatchObject({ reportId: 'twice', ticketId: one.id });
      expect(await timelineIds(tenantId, two.id)).toEqual([]);
    });

    it('lets concurrent decisions over overlapping tickets take turns, each seeing the one before', async () => {
      const { tenantId, ticket: one } = await ticketOf();
      const { ticket: two } = await ticketOf(tenantId);
      // Named in opposite orders: locking in the order given could deadlock.
      const seen = await Promise.all(
        ['x', 'y', 'z', 'w'].map((id, n) =>
          context.store.lifecycle.apply(tenantId, n % 2 ? [one.id, two.id] : [two.id, one.id], (tickets) => ({
            ...nothing,
            reports: [...on(one.id, assigned(`${id}-1`)), ...on(two.id, assigned(`${id}-2`))],
            result: tickets.get(one.id)!.timeline.length,
          })),
        ),
      );
      expect(seen.toSorted()).toEqual([0, 1, 2, 3]);
      expect(await timelineIds(tenantId, two.id)).toHaveLength(4);
    });
  });
};
