import { Categorization, type LifecycleApplied, Retrieval } from '@triage/contracts';
import type { KnowledgeGapInput, StoredTicket } from '@triage/store';

/** The category of a gap whose ticket was never categorized and whose agent set none. */
const NO_CATEGORY = 'uncategorized';

/**
 * A resolution is a knowledge gap when an agent (tier 1 and up; tier 0 is self-service) solved the
 * ticket without naming an article, after the retrieval's best article was unlikely to answer it.
 * A ticket never retrieved is left out: nothing says the knowledge base fell short.
 */
export const gapOf = (applied: LifecycleApplied, stored: StoredTicket, maxConfidence: number): KnowledgeGapInput | null => {
  const { report } = applied;
  if (report.type !== 'resolved' || report.resolvingTier < 1 || report.kbArticleId !== undefined) return null;
  const retrieval = Retrieval.safeParse(stored.stages.retrieve);
  if (!retrieval.success || retrieval.data.confidence >= maxConfidence) return null;
  const categorization = Categorization.safeParse(stored.stages.categorize);
  return {
    ticketId: applied.ticketId,
    // The agent's category, when set, is the better topic: it is what the ticket turned out to be.
    category: report.category ?? (categorization.success ? categorization.data.category : NO_CATEGORY),
    notes: report.notes,
    kbConfidence: retrieval.data.confidence,
    resolvedAt: report.occurredAt,
  };
};
