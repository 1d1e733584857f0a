import { LifecycleReport } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import type { DraftArticle, GapDrafting, KnowledgeGap, KnowledgeGapInput } from '../../src/index.ts';
import { article, asOwner, newTicket, type StoreContext } from './fixtures.ts';

const draft = (title: string): DraftArticle => ({ title, body: `${title} body`, source: 'extractive' });
/** A redraft that says which gaps it was written from. */
const redraftFrom = async (gaps: KnowledgeGap[]) => draft(`from ${gaps.map((g) => g.ticketId).join(' ')}`);

const gapInput = (ticketId: string, minute: number, category = 'billing'): KnowledgeGapInput => ({
  ticketId,
  category,
  notes: `notes of ${ticketId}`,
  kbConfidence: 0.2,
  resolvedAt: `2025-03-04T09:${String(minute).padStart(2, '0')}:00.000Z`,
});

export const describeKnowledgeLoop = (context: StoreContext): void => {
  const { newTenant } = context;

  const ticketIn = async (tenantId: string) => {
    const ticket = newTicket(tenantId);
    await context.store.tickets.create(ticket, []);
    return ticket.id;
  };

  /** Gaps placed where `place` says, groups a gap leaves redrafted by `redraftFrom`. */
  const record = (tenantId: string, gap: KnowledgeGapInput, candidateLimit: number, place: GapDrafting['place']) =>
    context.store.knowledgeLoop.recordGap(tenantId, gap, candidateLimit, { place, redraft: redraftFrom });

  describe('knowledge loop', () => {
    it('places each gap where the caller says, among the same category only, and keeps a draft per group', async () => {
      const tenantId = await newTenant();
      const [a, b, c, d] = [await ticketIn(tenantId), await ticketIn(tenantId), await ticketIn(tenantId), await ticketIn(tenantId)];
      const loop = context.store.knowledgeLoop;

      const first = await record(tenantId, gapInput(a!, 1), 10, async (gap, candidates) => {
        expect(gap).toMatchObject({
          ticketId: a,
          subject: 'Cannot log in',
          text: 'Cannot log in\nThe login page says my password is wrong.',
        });
        expect(candidates).toEqual([]);
        return { groupId: 'g1', draft: draft('one') };
      });
      expect(first).toEqual({
        group: expect.objectContaining({ id: 'g1', category: 'billing', ticketCount: 1, draft: draft('one') }),
        left: undefined,
      });

      await record(tenantId, gapInput(b!, 2), 10, async (_, candidates) => {
        expect(candidates.map((g) => [g.ticketId, g.groupId])).toEqual([[a, 'g1']]);
        return { groupId: 'g1', draft: draft('two') };
      });
      await record(tenantId, gapInput(c!, 3, 'shipping'), 10, async (_, candidates) => {
        expect(candidates).toEqual([]);
        return { groupId: 'g2', draft: draft('ship') };
      });
      // Most recent first, and no more than asked for.
      await record(tenantId, gapInput(d!, 4), 1, async (_, candidates) => {
        expect(candidates.map((g) => g.ticketId)).toEqual([b]);
        return { groupId: 'g1', draft: draft('three') };
      });

      const groups = await loop.groups(tenantId, 10);
      expect(groups.map((g) => [g.id, g.ticketCount, g.draft.title, g.gaps.map((x) => x.ticketId)])).toEqual([
        ['g1', 3, 'three', [d, b, a]],
        ['g2', 1, 'ship', [c]],
      ]);
      expect(await loop.groups(tenantId, 1)).toHaveLength(1);
      expect(await loop.groups(await newTenant(), 10)).toEqual([]);
    });

    it("gives each candidate its vector's cosine similarity to the new gap's, when both tickets have one", async () => {
      const tenantId = await newTenant();
      const [a, b, c] = [await ticketIn(tenantId), await ticketIn(tenantId), await ticketIn(tenantId)];
      await context.store.ticketVectors.add(tenantId, [
        { ticketId: a!, customerId: 'c1', category: 'billing', embedding: [1, 0, 0, 0] },
        { ticketId: c!, customerId: 'c1', category: 'billing', embedding: [1, 1, 0, 0] },
      ]);
      await record(tenantId, gapInput(a!, 1), 10, async () => ({ groupId: 'g', draft: draft('a') }));
      await record(tenantId, gapInput(b!, 2), 10, async () => ({ groupId: 'g', draft: draft('b') }));
      await record(tenantId, gapInput(c!, 3), 10, async (_, candidates) => {
        expect(candidates.map((g) => g.ticketId)).toEqual([b, a]);
        expect(candidates[0]!.similarity).toBeUndefined();
        // cos 45°: [1, 1, 0, 0] against [1, 0, 0, 0].
        expect(candidates[1]!.similarity).toBeCloseTo(Math.SQRT1_2, 5);
        return { groupId: 'g', draft: draft('c') };
      });
    });

    it('replaces a re-resolved ticket’s gap, redrafts the group a forgotten one leaves, and refuses a draft written before it left', async () => {
      const tenantId = await newTenant();
      const [a, b] = [await ticketIn(tenantId), await ticketIn(tenantId)];
      const loop = context.store.knowledgeLoop;
      await record(tenantId, gapInput(a!, 1), 10, async () => ({ groupId: 'g', draft: draft('one') }));
      await record(tenantId, { ...gapInput(a!, 5), notes: 'better notes' }, 10, async (_, candidates) => {
        expect(candidates.map((g) => g.notes)).toEqual([`notes of ${a}`]);
        return { groupId: 'g', draft: draft('again') };
      });
      await record(tenantId, gapInput(b!, 6), 10, async () => ({ groupId: 'g', draft: draft('two') }));
      const [group] = await loop.groups(tenantId, 10);
      expect(group!.gaps.map((g) => [g.ticketId, g.notes])).toEqual([
        [b, `notes of ${b}`],
        [a, 'better notes'],
      ]);

      const left = await loop.forgetGap(tenantId, b!, redraftFrom);
      // Redrafted from the gap that stays, without the notes of the one that left.
      expect(left).toMatchObject({ id: 'g', ticketCount: 1, draft: draft(`from ${a}`) });
      expect(left!.gaps.map((g) => g.ticketId)).toEqual([a]);
      expect(await loop.groups(tenantId, 10)).toEqual([left]);

      // A hosted draft written while both gaps were in arrives too late; one written from what is there now is kept.
      expect(await loop.saveDraft(tenantId, 'g', { title: 'late', body: 'from both', source: 'model' }, group!.draftVersion)).toBe(false);
      expect(await loop.saveDraft(tenantId, 'g', { title: 'written', body: `from ${a}`, source: 'model' }, left!.draftVersion)).toBe(true);
      expect((await loop.groups(tenantId, 10))[0]!.draft).toEqual({ title: 'written', body: `from ${a}`, source: 'model' });
    });

    it('drops a group its last gap leaves, whether filled or moved to another topic', async () => {
      const tenantId = await newTenant();
      const [a, b] = [await ticketIn(tenantId), await ticketIn(tenantId)];
      const loop = context.store.knowledgeLoop;
      const groupIds = async () =>
        (await asOwner<{ id: string }>(context.store.sql, 'SELECT id FROM kb_gap_groups WHERE tenant_id = $1 ORDER BY id', [tenantId])).map(
          (r) => r.id,
        );
      await record(tenantId, gapInput(a!, 1), 10, async () => ({ groupId: 'g-billing', draft: draft('a') }));
      await record(tenantId, gapInput(b!, 2), 10, async () => ({ groupId: 'g-billing', draft: draft('b') }));
      // Resolved again under another category: it leaves its group, which keeps its other gap.
      const moved = await record(tenantId, gapInput(a!, 3, 'shipping'), 10, async () => ({ groupId: 'g-shipping', draft: draft('a2') }));
      expect(await groupIds()).toEqual(['g-billing', 'g-shipping']);
      expect(moved.group).toMatchObject({ id: 'g-shipping', ticketCount: 1, draft: draft('a2') });
      expect(moved.left).toMatchObject({ id: 'g-billing', ticketCount: 1, draft: draft(`from ${b}`) });
      const last = await record(tenantId, gapInput(b!, 4, 'shipping'), 10, async () => ({ groupId: 'g-shipping', draft: draft('b2') }));
      expect(last.left).toBeUndefined();
      expect(await groupIds()).toEqual(['g-shipping']);
      expect(await loop.forgetGap(tenantId, a!, redraftFrom)).toMatchObject({ id: 'g-shipping', draft: draft(`from ${b}`) });
      expect(await groupIds()).toEqual(['g-shipping']);
      expect(await loop.forgetGap(tenantId, b!, redraftFrom)).toBeUndefined();
      expect(await loop.forgetGap(tenantId, b!, redraftFrom)).toBeUndefined();
      expect(await groupIds()).toEqual([]);
    });

    it('counts each article’s votes and the tickets resolved with it, and keeps gaps to their tenant', async () => {
      const tenantId = await newTenant();
      await context.store.kb.upsert(tenantId, [article('kb-a', [1, 0, 0, 0]), article('kb-b', [0, 1, 0, 0])]);
      const resolved = (id: string, kbArticleId?: string) =>
        LifecycleReport.parse({
          type: 'resolved',
          id,
          occurredAt: '2025-03-04T09:00:00Z',
          notes: 'done',
          resolvingTier: 1,
          ...(kbArticleId ? { kbArticleId } : {}),
        });
      const [t1, t2] = [await ticketIn(tenantId), await ticketIn(tenantId)];
      await context.store.lifecycle.apply(tenantId, [t1!, t2!], () => ({
        reports: [
          { ticketId: t1!, report: resolved('r1', 'kb-a') },
          { ticketId: t2!, report: resolved('r2', 'kb-a') },
          { ticketId: t2!, report: resolved('r3') },
        ],
        events: [],
        examples: [],
        outcomes: new Map(),
        result: undefined,
      }));
      await context.store.deflections.create({
        id: 'd1',
        tenantId,
        question: 'q',
        solutions: [],
        deflectable: false,
        confidence: 0.1,
        outcome: 'shown',
      });
      await context.store.deflections.resolve(tenantId, 'd1', { outcome: 'unresolved', votedArticleId: 'kb-b', events: [] });
      expect(await context.store.knowledgeLoop.articleUses(tenantId, { limit: 10 })).toEqual([
        { id: 'kb-a', title: 'Article kb-a', url: undefined, helpfulVotes: 0, unhelpfulVotes: 0, resolutionUses: 2 },
        { id: 'kb-b', title: 'Article kb-b', url: undefined, helpfulVotes: 0, unhelpfulVotes: 1, resolutionUses: 0 },
      ]);
      // A page after the first article; and only those with an unhelpful vote.
      expect((await context.store.knowledgeLoop.articleUses(tenantId, { after: 'kb-a', limit: 10 })).map((a) => a.id)).toEqual(['kb-b']);
      expect((await context.store.knowledgeLoop.articleUses(tenantId, { limit: 10, minUnhelpful: 1 })).map((a) => a.id)).toEqual(['kb-b']);
      expect((await context.store.knowledgeLoop.articleUses(tenantId, { limit: 1 })).map((a) => a.id)).toEqual(['kb-a']);

      await record(tenantId, gapInput(t1!, 1), 10, async () => ({ groupId: 'g', draft: draft('x') }));
      const other = await newTenant();
      expect(await context.store.knowledgeLoop.groups(other, 10)).toEqual([]);
      // Row-level security: the app role sees none of the tenant's rows without the tenant set.
      const visible = await context.store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_gaps');
      expect(visible.rows[0]!.n).toBe(0);
      expect(
        (await asOwner<{ n: number }>(context.store.sql, 'SELECT count(*)::int AS n FROM kb_gaps WHERE tenant_id = $1', [tenantId]))[0]!.n,
      ).toBe(1);
    });
  });
};
