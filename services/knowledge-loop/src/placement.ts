import { randomUUID } from 'node:crypto';
import type { GapCandidate, GapDrafting, GapPlacement, KnowledgeGap } from '@triage/store';
import { extractiveDraft } from './extractive-draft.ts';
import { mostSimilar } from './similarity.ts';

export interface PlacementRules {
  /** Cosine similarity of the tickets' vectors from which a gap joins its nearest earlier gap's group. */
  minSimilarity: number;
  /** The same for the TF-IDF similarity of their words, used when some ticket has no vector. */
  minTextSimilarity: number;
  redact: (text: string) => string;
}

/**
 * The earlier gap nearest to the new one, when near enough: by the categorizer's vectors when
 * every ticket has one, else by TF-IDF over their words (tickets from before vectors were kept).
 */
const nearestOf = async (gap: Omit<KnowledgeGap, 'groupId'>, others: GapCandidate[], rules: PlacementRules) => {
  if (others.every((c) => c.similarity !== undefined)) {
    const best = others.reduce<GapCandidate | undefined>((a, c) => (a && a.similarity! >= c.similarity! ? a : c), undefined);
    return best && best.similarity! >= rules.minSimilarity ? best : undefined;
  }
  const best = await mostSimilar(gap.text, others, (c) => c.text);
  return best && best.similarity >= rules.minTextSimilarity ? best.candidate : undefined;
};

/**
 * Where a new gap goes among the earlier gaps of its category: a ticket resolved again stays in its
 * group; otherwise it joins the group of its nearest earlier gap (single linkage), or opens one.
 * The group's draft is written again with it.
 */
export const placeGap = async (
  gap: Omit<KnowledgeGap, 'groupId'>,
  candidates: GapCandidate[],
  rules: PlacementRules,
): Promise<GapPlacement> => {
  const others = candidates.filter((c) => c.ticketId !== gap.ticketId);
  const groupId =
    candidates.find((c) => c.ticketId === gap.ticketId)?.groupId ?? (await nearestOf(gap, others, rules))?.groupId ?? randomUUID();
  const members = [{ ...gap, groupId }, ...others.filter((c) => c.groupId === groupId)];
  return { groupId, draft: await extractiveDraft(members, rules.redact) };
};

/** Placement by these rules, and extractive drafts: what the store calls inside its transaction. */
export const gapDrafting = (rules: PlacementRules): GapDrafting => ({
  place: (gap, candidates) => placeGap(gap, candidates, rules),
  redraft: (gaps) => extractiveDraft(gaps, rules.redact),
});
