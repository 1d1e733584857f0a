import { Topics } from '@triage/contracts';
import type { Logger, Worker } from '@triage/runtime';
import type { KnowledgeGapGroup, Store } from '@triage/store';
import { gapOf } from './gap-of.ts';
import type { DraftWriter } from './model-draft.ts';
import { gapDrafting, type PlacementRules } from './placement.ts';

export interface GapWorkerDeps {
  store: Store;
  logger: Logger;
  /** Below this retrieval confidence an agent's resolution is a gap. */
  maxConfidence: number;
  candidateLimit: number;
  placement: PlacementRules;
  /** The hosted model's drafts, when one is configured. */
  writer?: DraftWriter | undefined;
}

/** The hosted model rewrites the group's draft; when it fails, the extractive draft stays. */
const redraft = async (deps: GapWorkerDeps, writer: DraftWriter, tenantId: string, group: KnowledgeGapGroup): Promise<void> => {
  try {
    await deps.store.knowledgeLoop.saveDraft(tenantId, group.id, await writer(group.gaps), group.draftVersion);
  } catch (err) {
    deps.logger.warn('hosted draft failed; the extractive draft stays', { err, tenantId, group: group.id });
  }
};

/**
 * tickets.lifecycle-applied → knowledge gaps. It writes only to PostgreSQL, and a gap recorded again
 * replaces itself, so a redelivered batch is harmless and offsets are committed without a transaction.
 */
export const gapWorker = (deps: GapWorkerDeps): Worker<typeof Topics.ticketsLifecycleApplied> => ({
  name: 'knowledge-loop:gaps',
  topic: Topics.ticketsLifecycleApplied,
  group: 'knowledge-loop',
  observer: true,
  handler: async (batch) => {
    const drafting = gapDrafting(deps.placement);
    for (const { event } of batch) {
      if (event.payload.report.type !== 'resolved') continue;
      const stored = await deps.store.tickets.get(event.tenantId, event.payload.ticketId);
      if (!stored) {
        // Reports are applied to stored tickets only, so this is an event from another database: said, not dropped silently.
        deps.logger.warn('resolved ticket not found; no gap recorded', { tenantId: event.tenantId, ticketId: event.payload.ticketId });
        continue;
      }
      const gap = gapOf(event.payload, stored, deps.maxConfidence);
      // A ticket that was a gap and is now resolved otherwise (with an article, say) fills it.
      // The group the gap is in now, and the one it left when that one keeps other gaps.
      const changed = gap
        ? await deps.store.knowledgeLoop
            .recordGap(event.tenantId, gap, deps.candidateLimit, drafting)
            .then(({ group, left }) => [group, left])
        : [await deps.store.knowledgeLoop.forgetGap(event.tenantId, event.payload.ticketId, drafting.redraft)];
      if (deps.writer) for (const group of changed) if (group) await redraft(deps, deps.writer, event.tenantId, group);
    }
    return [];
  },
});
