import { randomUUID } from 'node:crypto';
import { createEvent, Topics, type DeflectionRecorded } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import type { OutgoingEvent } from '../../src/index.ts';
import { article, newTicket, receivedEvent, unsentIds, type StoreContext } from './fixtures.ts';

export const describeDeflections = (context: StoreContext): void => {
  const { newTenant } = context;

  /** A deflection that showed article `a`, in a tenant of its own whose knowledge base holds `a`. */
  const shownDeflection = async () => {
    const tenantId = await newTenant();
    await context.store.kb.upsert(tenantId, [article('a', [1, 0, 0, 0])]);
    const id = randomUUID();
    await context.store.deflections.create({
      id,
      tenantId,
      question: 'how to reset?',
      solutions: [{ articleId: 'a' }],
      deflectable: true,
      confidence: 0.8,
      outcome: 'shown',
    });
    return { tenantId, id };
  };

  const recordedEvent = (tenantId: string, payload: DeflectionRecorded): OutgoingEvent => ({
    topic: Topics.deflectionsRecorded,
    event: createEvent(Topics.deflectionsRecorded, { tenantId, key: payload.deflectionId, payload }),
  });

  const outcomeEvent = (tenantId: string, deflectionId: string, outcome: 'resolved' | 'unresolved', ticketId?: string) =>
    recordedEvent(tenantId, {
      deflectionId,
      question: 'how to reset?',
      solutions: [],
      deflectable: true,
      confidence: 0.8,
      outcome,
      ...(ticketId ? { ticketId } : {}),
    });

  const votes = async (tenantId: string) =>
    (
      await context.store.sql.transaction(
        (tx) => tx.query<{ helpful_votes: number; unhelpful_votes: number }>('SELECT helpful_votes, unhelpful_votes FROM articles'),
        { tenantId },
      )
    ).rows;

  describe('deflections', () => {
    it('records the first feedback with its vote and events, and refuses a second or another tenant', async () => {
      const { tenantId, id } = await shownDeflection();
      const resolved = { outcome: 'resolved' as const, votedArticleId: 'a', events: [outcomeEvent(tenantId, id, 'resolved')] };
      const otherTenant = await newTenant();
      expect(
        await context.store.deflections.resolve(otherTenant, id, { ...resolved, events: [outcomeEvent(otherTenant, id, 'resolved')] }),
      ).toBe(false);
      expect(await context.store.deflections.resolve(tenantId, id, resolved)).toBe(true);
      expect(await context.store.deflections.resolve(tenantId, id, { ...resolved, outcome: 'unresolved' })).toBe(false);

      expect(await context.store.deflections.get(tenantId, id)).toMatchObject({ outcome: 'resolved', ticketId: undefined });
      expect(await votes(tenantId)).toEqual([{ helpful_votes: 1, unhelpful_votes: 0 }]);
      expect(await unsentIds(context.store.sql, tenantId)).toHaveLength(1);
    });

    it('opens the ticket of an unresolved deflection with its events, and counts the article unhelpful', async () => {
      const { tenantId, id } = await shownDeflection();
      const ticket = newTicket(tenantId);
      const events = [receivedEvent(ticket), outcomeEvent(tenantId, id, 'unresolved', ticket.id)];
      expect(await context.store.deflections.resolve(tenantId, id, { outcome: 'unresolved', votedArticleId: 'a', ticket, events })).toBe(
        true,
      );

      expect(await context.store.deflections.get(tenantId, id)).toMatchObject({ outcome: 'unresolved', ticketId: ticket.id });
      expect((await context.store.tickets.get(tenantId, ticket.id))?.ticket).toEqual(ticket);
      expect(await votes(tenantId)).toEqual([{ helpful_votes: 0, unhelpful_votes: 1 }]);
      const outbox = await context.store.sql.query<{ topic: string }>('SELECT topic FROM outbox WHERE tenant_id = $1 ORDER BY id', [
        tenantId,
      ]);
      expect(outbox.rows.map((r) => r.topic)).toEqual([Topics.ticketsReceived, Topics.deflectionsRecorded]);
    });

    it('leaves the deflection open and stores nothing when a write fails, so a retry succeeds', async () => {
      const { tenantId, id } = await shownDeflection();
      const ticket = newTicket(tenantId);
      const feedback = { outcome: 'unresolved' as const, votedArticleId: 'a', ticket };
      // The last write of the transaction fails: everything before it must be undone.
      const foreign = outcomeEvent(await newTenant(), id, 'unresolved', ticket.id);
      await expect(
        context.store.deflections.resolve(tenantId, id, { ...feedback, events: [receivedEvent(ticket), foreign] }),
      ).rejects.toThrow('belongs to tenant');
      expect(await context.store.deflections.get(tenantId, id)).toMatchObject({ outcome: 'shown', ticketId: undefined });
      expect(await context.store.tickets.get(tenantId, ticket.id)).toBeNull();
      expect(await votes(tenantId)).toEqual([{ helpful_votes: 0, unhelpful_votes: 0 }]);
      expect(await unsentIds(context.store.sql, tenantId)).toEqual([]);

      const events = [receivedEvent(ticket), outcomeEvent(tenantId, id, 'unresolved', ticket.id)];
      expect(await context.store.deflections.resolve(tenantId, id, { ...feedback, events })).toBe(true);
      expect(await context.store.tickets.get(tenantId, ticket.id)).not.toBeNull();
    });

    it('records feedback on an article deleted since it was shown, counting no vote', async () => {
      const { tenantId, id } = await shownDeflection();
      const resolved = { outcome: 'resolved' as const, votedArticleId: 'gone', events: [outcomeEvent(tenantId, id, 'resolved')] };
      expect(await context.store.deflections.resolve(tenantId, id, resolved)).toBe(true);
      expect(await votes(tenantId)).toEqual([{ helpful_votes: 0, unhelpful_votes: 0 }]);
    });
  });
};
