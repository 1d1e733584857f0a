import type { HandoffPacket } from '@triage/contracts';
import type { RelatedTicketRow, Store } from '@triage/store';

const RELATED_LIMIT = 5;
const DAY_MS = 86_400_000;

export interface RelatedOptions {
  minSimilarity: number;
  resolvedDays: number;
}

type RelatedPart = Pick<HandoffPacket, 'relatedTickets' | 'knownResolution'>;

/** The packet's related tickets and known resolution from rows nearest first. */
export const relatedPart = (rows: RelatedTicketRow[]): RelatedPart => {
  if (!rows.length) return {};
  const solved = rows.find((r) => r.state !== 'open' && r.resolutionNotes);
  return {
    relatedTickets: rows.map((r) => ({
      ticketId: r.ticketId,
      subject: r.subject,
      similarity: r.similarity,
      state: r.state,
      receivedAt: r.receivedAt,
      ...(r.resolvedAt ? { resolvedAt: r.resolvedAt } : {}),
      ...(r.resolutionNotes ? { resolutionNotes: r.resolutionNotes } : {}),
    })),
    ...(solved
      ? {
          knownResolution: {
            ticketId: solved.ticketId,
            similarity: solved.similarity,
            notes: solved.resolutionNotes!,
            ...(solved.resolvedAt ? { resolvedAt: solved.resolvedAt } : {}),
          },
        }
      : {}),
  };
};

/** Similar tickets of the tenant by the ticket's stored vector: no second model pass. */
export const findRelated = async (store: Store, tenantId: string, ticketId: string, options: RelatedOptions, now: Date) =>
  relatedPart(
    await store.ticketVectors.related(tenantId, ticketId, {
      limit: RELATED_LIMIT,
      minSimilarity: options.minSimilarity,
      resolvedSince: new Date(now.getTime() - options.resolvedDays * DAY_MS).toISOString(),
    }),
  );
