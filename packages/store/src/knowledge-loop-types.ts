/** A ticket an agent resolved without an article after the knowledge base's best match was weak. */
export interface KnowledgeGapInput {
  ticketId: string;
  /** The topic's coarse key: gaps are grouped within one category. */
  category: string;
  /** The agent's resolution notes: what a draft article is written from. */
  notes: string;
  /** The retrieval's calibrated probability that its best article answered the ticket. */
  kbConfidence: number;
  resolvedAt: string;
}

/** A gap as stored, with its ticket's words. */
export interface KnowledgeGap extends KnowledgeGapInput {
  groupId: string;
  subject: string;
  /** The ticket's subject and body. */
  text: string;
}

/** An earlier gap a new one is compared with. */
export interface GapCandidate extends KnowledgeGap {
  /** Cosine similarity of the two tickets' stored vectors (the categorizer's); undefined when either has none. */
  similarity?: number | undefined;
}

export interface DraftArticle {
  title: string;
  body: string;
  /** extractive: the most central sentences of the resolution notes; model: written by the hosted model. */
  source: 'extractive' | 'model';
}

/** Where a new gap goes, and the draft its group then gets; `groupId` names a new group when no candidate's matches. */
export interface GapPlacement {
  groupId: string;
  draft: DraftArticle;
}

/** How the caller places a gap and writes a group's draft, inside the store's transaction. */
export interface GapDrafting {
  /** The group a new gap goes to, and that group's draft with it. */
  place(gap: Omit<KnowledgeGap, 'groupId'>, candidates: GapCandidate[]): Promise<GapPlacement>;
  /** A group's draft from the gaps it has left, most recently resolved first. */
  redraft(gaps: KnowledgeGap[]): Promise<DraftArticle>;
}

export interface KnowledgeGapGroup {
  id: string;
  category: string;
  ticketCount: number;
  draft: DraftArticle;
  /** Advances whenever the group's gaps change: a draft is saved only for the version it was written from. */
  draftVersion: number;
  /** Its gaps, most recently resolved first. */
  gaps: KnowledgeGap[];
  updatedAt: string;
}

/** What placing a gap changed: its group, and the group it left (redrafted) when it moved and that group still has gaps. */
export interface GapRecorded {
  group: KnowledgeGapGroup;
  left?: KnowledgeGapGroup | undefined;
}

export interface ArticlePage {
  /** The id the page starts after. */
  after?: string | undefined;
  limit: number;
  /** Only articles with at least this many unhelpful votes (a stale flag's first condition). */
  minUnhelpful?: number | undefined;
}

/** An article with what customers and agents made of it. */
export interface ArticleUse {
  id: string;
  title: string;
  url?: string | undefined;
  /** Deflections it was credited with that the customer said helped, and those that did not. */
  helpfulVotes: number;
  unhelpfulVotes: number;
  /** Tickets an agent resolved with it (resolution reports naming it). */
  resolutionUses: number;
}

export interface KnowledgeLoopRepository {
  /**
   * Records the gap (replacing the ticket's earlier one; a group that leaves empty is dropped) in one transaction
   * that holds the tenant's gaps still: `place` sees the gaps of the same category, the ticket's
   * earlier one included, most recent first (at most `candidateLimit`), each with its similarity to
   * the new one, and says where the gap goes.
   * Returns the gap's group with its members after the write.
   */
  recordGap(tenantId: string, gap: KnowledgeGapInput, candidateLimit: number, drafting: GapDrafting): Promise<GapRecorded>;
  /**
   * Drops the ticket's gap, if it has one (resolved again with an article, it is one no more), and its
   * group if it was the last; a group that keeps other gaps is redrafted from them and returned.
   */
  forgetGap(tenantId: string, ticketId: string, redraft: GapDrafting['redraft']): Promise<KnowledgeGapGroup | undefined>;
  /** Replaces a group's draft if its gaps are still those of `draftVersion`; false when they have changed since. */
  saveDraft(tenantId: string, groupId: string, draft: DraftArticle, draftVersion: number): Promise<boolean>;
  /** The tenant's gap groups, most gaps first, at most `limit`. */
  groups(tenantId: string, limit: number): Promise<KnowledgeGapGroup[]>;
  /** The tenant's articles with their votes and resolution uses, by id: a page of them. */
  articleUses(tenantId: string, page: ArticlePage): Promise<ArticleUse[]>;
}
