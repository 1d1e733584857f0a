import type {
  ArticleUse,
  DraftArticle,
  GapCandidate,
  GapDrafting,
  KnowledgeGap,
  KnowledgeGapGroup,
  KnowledgeLoopRepository,
} from '../knowledge-loop-types.ts';
import type { Sql } from '../sql-types.ts';
import { isoTime, optional } from './rows.ts';

interface GapRow {
  ticket_id: string;
  group_id: string;
  category: string;
  notes: string;
  kb_confidence: number;
  resolved_at: Date;
  subject: string;
  body: string;
}

interface GroupRow {
  id: string;
  category: string;
  draft_title: string;
  draft_body: string;
  draft_source: DraftArticle['source'];
  draft_version: number;
  updated_at: Date;
}

const GAP_COLUMNS = `g.ticket_id, g.group_id, g.category, g.notes, g.kb_confidence, g.resolved_at,
  t.ticket ->> 'subject' AS subject, t.ticket ->> 'body' AS body`;

const gapOf = (r: GapRow): KnowledgeGap => ({
  ticketId: r.ticket_id,
  groupId: r.group_id,
  category: r.category,
  notes: r.notes,
  kbConfidence: r.kb_confidence,
  resolvedAt: isoTime(r.resolved_at),
  subject: r.subject,
  text: `${r.subject}\n${r.body}`,
});

/** The groups of `ids` with their gaps, most gaps first (then the most recently changed). */
const readGroups = async (tx: Sql, tenantId: string, ids: string[]): Promise<KnowledgeGapGroup[]> => {
  const { rows: groups } = await tx.query<GroupRow>(
    `SELECT id, category, draft_title, draft_body, draft_source, draft_version, updated_at FROM kb_gap_groups
     WHERE tenant_id = $1 AND id = ANY($2::text[])`,
    [tenantId, ids],
  );
  const { rows: gaps } = await tx.query<GapRow>(
    `SELECT ${GAP_COLUMNS} FROM kb_gaps g JOIN tickets t ON t.tenant_id = g.tenant_id AND t.id = g.ticket_id
     WHERE g.tenant_id = $1 AND g.group_id = ANY($2::text[]) ORDER BY g.resolved_at DESC, g.ticket_id`,
    [tenantId, ids],
  );
  const byGroup = Map.groupBy(gaps.map(gapOf), (g) => g.groupId);
  return groups
    .map((g) => {
      const members = byGroup.get(g.id) ?? [];
      return {
        id: g.id,
        category: g.category,
        ticketCount: members.length,
        draft: { title: g.draft_title, body: g.draft_body, source: g.draft_source },
        draftVersion: g.draft_version,
        gaps: members,
        updatedAt: isoTime(g.updated_at),
      };
    })
    .sort((a, b) => b.ticketCount - a.ticketCount || b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
};

// Two gaps of one topic placed at once would each see the other missing and open two groups; and a
// group found empty could be dropped just as a gap is placed in it.
const lockGaps = (tx: Sql, tenantId: string) => tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('kb_gaps:' || $1, 0))`, [tenantId]);

/** A new draft for the group, written from its gaps as they are now: a version further on. */
const writeDraft = async (tx: Sql, tenantId: string, groupId: string, draft: DraftArticle) =>
  (
    await tx.query<{ draft_version: number; updated_at: Date }>(
      `UPDATE kb_gap_groups SET draft_title = $3, draft_body = $4, draft_source = $5, draft_version = draft_version + 1, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING draft_version, updated_at`,
      [tenantId, groupId, draft.title, draft.body, draft.source],
    )
  ).rows[0]!;

/**
 * After a gap left the group (filled, or moved to another topic): a group with no gap left is no
 * topic any more; one that keeps gaps is redrafted from them, so the draft no longer holds the
 * notes of the ticket that left.
 */
const afterLeaving = async (
  tx: Sql,
  tenantId: string,
  groupId: string,
  redraft: GapDrafting['redraft'],
): Promise<KnowledgeGapGroup | undefined> => {
  await tx.query(
    `DELETE FROM kb_gap_groups g WHERE g.tenant_id = $1 AND g.id = $2
     AND NOT EXISTS (SELECT 1 FROM kb_gaps x WHERE x.tenant_id = $1 AND x.group_id = $2)`,
    [tenantId, groupId],
  );
  const [left] = await readGroups(tx, tenantId, [groupId]);
  if (!left) return undefined;
  const draft = await redraft(left.gaps);
  const written = await writeDraft(tx, tenantId, groupId, draft);
  return { ...left, draft, draftVersion: written.draft_version, updatedAt: isoTime(written.updated_at) };
};

export const knowledgeLoopRepository = (sql: Sql): KnowledgeLoopRepository => ({
  recordGap: (tenantId, gap, candidateLimit, drafting) =>
    sql.transaction(
      async (tx) => {
        await lockGaps(tx, tenantId);
        const { rows: ticket } = await tx.query<{ subject: string; body: string }>(
          `SELECT ticket ->> 'subject' AS subject, ticket ->> 'body' AS body FROM tickets WHERE tenant_id = $1 AND id = $2`,
          [tenantId, gap.ticketId],
        );
        if (!ticket[0]) throw new Error(`tenant ${tenantId} has no ticket ${gap.ticketId}`);
        // Each candidate's similarity to the new gap comes from the vectors the categorizer stored.
        const { rows } = await tx.query<GapRow & { similarity: number | null }>(
          `SELECT ${GAP_COLUMNS}, 1 - (v.embedding <=> q.embedding) AS similarity
           FROM kb_gaps g JOIN tickets t ON t.tenant_id = g.tenant_id AND t.id = g.ticket_id
           LEFT JOIN ticket_vectors v ON v.tenant_id = g.tenant_id AND v.ticket_id = g.ticket_id
           LEFT JOIN ticket_vectors q ON q.tenant_id = $1 AND q.ticket_id = $4
           WHERE g.tenant_id = $1 AND g.category = $2 ORDER BY g.resolved_at DESC, g.ticket_id LIMIT $3`,
          [tenantId, gap.category, candidateLimit, gap.ticketId],
        );
        const candidates = rows.map((r): GapCandidate => ({ ...gapOf(r), similarity: optional(r.similarity) }));
        const placement = await drafting.place(
          { ...gap, subject: ticket[0].subject, text: `${ticket[0].subject}\n${ticket[0].body}` },
          candidates,
        );
        const { draft } = placement;
        const { rows: earlier } = await tx.query<{ group_id: string }>(
          'SELECT group_id FROM kb_gaps WHERE tenant_id = $1 AND ticket_id = $2',
          [tenantId, gap.ticketId],
        );
        await tx.query(
          `INSERT INTO kb_gap_groups (tenant_id, id, category, draft_title, draft_body, draft_source, draft_version)
           VALUES ($1, $2, $3, $4, $5, $6, 0) ON CONFLICT (tenant_id, id) DO NOTHING`,
          [tenantId, placement.groupId, gap.category, draft.title, draft.body, draft.source],
        );
        await tx.query(
          `INSERT INTO kb_gaps (tenant_id, ticket_id, group_id, category, notes, kb_confidence, resolved_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (tenant_id, ticket_id) DO UPDATE
           SET group_id = EXCLUDED.group_id, category = EXCLUDED.category, notes = EXCLUDED.notes,
               kb_confidence = EXCLUDED.kb_confidence, resolved_at = EXCLUDED.resolved_at`,
          [tenantId, gap.ticketId, placement.groupId, gap.category, gap.notes, gap.kbConfidence, gap.resolvedAt],
        );
        await writeDraft(tx, tenantId, placement.groupId, draft);
        const moved = earlier[0] && earlier[0].group_id !== placement.groupId ? earlier[0].group_id : undefined;
        const left = moved === undefined ? undefined : await afterLeaving(tx, tenantId, moved, drafting.redraft);
        const [group] = await readGroups(tx, tenantId, [placement.groupId]);
        return { group: group!, left };
      },
      { tenantId },
    ),

  forgetGap: (tenantId, ticketId, redraft) =>
    sql.transaction(
      async (tx) => {
        await lockGaps(tx, tenantId);
        const { rows } = await tx.query<{ group_id: string }>(
          'DELETE FROM kb_gaps WHERE tenant_id = $1 AND ticket_id = $2 RETURNING group_id',
          [tenantId, ticketId],
        );
        return rows[0] ? afterLeaving(tx, tenantId, rows[0].group_id, redraft) : undefined;
      },
      { tenantId },
    ),

  saveDraft: (tenantId, groupId, draft, draftVersion) =>
    sql.transaction(
      async (tx) => {
        const { rows } = await tx.query(
          `UPDATE kb_gap_groups SET draft_title = $3, draft_body = $4, draft_source = $5, updated_at = now()
           WHERE tenant_id = $1 AND id = $2 AND draft_version = $6 RETURNING id`,
          [tenantId, groupId, draft.title, draft.body, draft.source, draftVersion],
        );
        return rows.length > 0;
      },
      { tenantId },
    ),

  groups: (tenantId, limit) =>
    sql.transaction(
      async (tx) => {
        const { rows } = await tx.query<{ group_id: string }>(
          `SELECT group_id FROM kb_gaps WHERE tenant_id = $1 GROUP BY group_id ORDER BY count(*) DESC, max(resolved_at) DESC, group_id LIMIT $2`,
          [tenantId, limit],
        );
        return readGroups(
          tx,
          tenantId,
          rows.map((r) => r.group_id),
        );
      },
      { tenantId },
    ),

  articleUses: (tenantId, { after, limit, minUnhelpful }) =>
    sql.transaction(
      async (tx): Promise<ArticleUse[]> => {
        const { rows } = await tx.query<{
          id: string;
          title: string;
          url: string | null;
          helpful_votes: number;
          unhelpful_votes: number;
          resolution_uses: number;
        }>(
          // Uses counted per article of the page, through the index on the resolving article's column.
          `SELECT a.id, a.title, a.url, a.helpful_votes, a.unhelpful_votes, u.n AS resolution_uses
           FROM articles a
           CROSS JOIN LATERAL (
             SELECT count(DISTINCT l.ticket_id)::int AS n FROM ticket_lifecycle l
             WHERE l.tenant_id = $1 AND l.type = 'resolved' AND l.kb_article_id = a.id
           ) u
           WHERE a.tenant_id = $1 AND ($2::text IS NULL OR a.id > $2) AND a.unhelpful_votes >= $3
           ORDER BY a.id LIMIT $4`,
          [tenantId, after ?? null, minUnhelpful ?? 0, limit],
        );
        return rows.map((r) => ({
          id: r.id,
          title: r.title,
          url: optional(r.url),
          helpfulVotes: r.helpful_votes,
          unhelpfulVotes: r.unhelpful_votes,
          resolutionUses: r.resolution_uses,
        }));
      },
      { tenantId },
    ),
});
