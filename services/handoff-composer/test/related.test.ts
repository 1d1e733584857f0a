import { describe, expect, it } from 'vitest';
import type { RelatedTicketRow } from '@triage/store';
import { relatedPart } from '../src/related.ts';

const row = (ticketId: string, similarity: number, extra: Partial<RelatedTicketRow> = {}): RelatedTicketRow => ({
  ticketId,
  subject: `Subject ${ticketId}`,
  similarity,
  state: 'open',
  receivedAt: '2026-01-01T09:00:00.000Z',
  ...extra,
});

describe('relatedPart', () => {
  it('lists the related tickets and takes the nearest resolved one with notes as the known resolution', () => {
    const part = relatedPart([
      row('a', 0.9),
      row('b', 0.8, { state: 'resolved', resolvedAt: '2026-01-02T09:00:00.000Z' }),
      row('c', 0.7, { state: 'closed', resolvedAt: '2026-01-03T09:00:00.000Z', resolutionNotes: 'Cleared the cache.' }),
    ]);
    expect(part.relatedTickets!.map((r) => [r.ticketId, r.state])).toEqual([
      ['a', 'open'],
      ['b', 'resolved'],
      ['c', 'closed'],
    ]);
    // A resolution without notes tells the agent nothing to try.
    expect(part.knownResolution).toEqual({
      ticketId: 'c',
      similarity: 0.7,
      notes: 'Cleared the cache.',
      resolvedAt: '2026-01-03T09:00:00.000Z',
    });
  });

  it('adds nothing to the packet when no ticket is related', () => {
    expect(relatedPart([])).toEqual({});
    expect(relatedPart([row('a', 0.9)]).knownResolution).toBeUndefined();
  });
});
