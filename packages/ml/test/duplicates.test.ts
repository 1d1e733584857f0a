import { describe, expect, it } from 'vitest';
import {
  createDuplicateScorer,
  createIdentifierIndex,
  reciprocalRankFusion,
  technicalTokens,
  templateLines,
  withoutTemplateLines,
  type TicketReport,
} from '../src/index.ts';

const FORM = 'Steps to reproduce:\nActual results:\nExpected results:';

const reports: TicketReport[] = [
  { id: 'crash', text: `Mail window closes on send\n${FORM}\nThe console shows NS_ERROR_FILE_ACCESS_DENIED in nsMsgSend.cpp` },
  { id: 'fonts', text: `Fonts look blurry on high DPI screens\n${FORM}\nText in menus is fuzzy after the update` },
  { id: 'youtube', text: `Videos do not play on youtube.com\n${FORM}\nThe player stays black and never starts` },
  { id: 'calendar', text: `Calendar reminders fire twice\n${FORM}\nEach alarm pops up two dialogs at once` },
  { id: 'printing', text: `Printing cuts off the right margin\n${FORM}\nThe last column of every page is missing` },
  // Unrelated down to the characters: no word or character n-gram in common with the others.
  { id: 'gardening', text: 'Рассада томатов\nНа какую глубину сажать весной' },
];

describe('duplicate scorer', () => {
  it('ranks the report sharing an exact error string first', async () => {
    const scorer = createDuplicateScorer(reports);
    const ranked = await scorer.rank({ id: 'new', text: 'Cannot send email\nSending fails with NS_ERROR_FILE_ACCESS_DENIED' });
    expect(ranked[0]!.id).toBe('crash');
    const { identifiers } = await scorer.signals({ id: 'new', text: 'Cannot send email\nSending fails with NS_ERROR_FILE_ACCESS_DENIED' });
    expect(identifiers!.map((hit) => hit.id)).toEqual(['crash']);
  });

  it('ranks an unrelated report last', async () => {
    // The mail client's reports point one way, the gardening question the opposite way.
    const embedded = reports.map((report, i) => ({ ...report, embedding: i === 5 ? [-1, 0.1 * i] : [1, 0.1 * i] }));
    const ranked = await createDuplicateScorer(embedded).rank({
      id: 'new',
      text: 'Cannot send email\nSending fails with NS_ERROR_FILE_ACCESS_DENIED',
      embedding: [1, 0],
    });
    expect(ranked).toHaveLength(6);
    expect(ranked[0]!.id).toBe('crash');
    expect(ranked.at(-1)!.id).toBe('gardening');
  });

  it('leaves the query itself out, and fuses the stored embeddings when there are some', async () => {
    const embedded = reports.map((report, i) => ({ ...report, embedding: i === 5 ? [1, 0] : [0, 1] }));
    const scorer = createDuplicateScorer(embedded);
    const query = { id: 'gardening', text: 'Рассада\nвесной', embedding: [1, 0] };
    const signals = await scorer.signals(query);
    expect(signals.dense!.map((hit) => hit.id)).not.toContain('gardening');
    expect(signals.dense).toHaveLength(5);
    // Only the dense side sees anything of the others, so they keep its order, ties by id.
    const ranked = await scorer.rank({ ...query, embedding: [0, 1] }, { dense: 1, text: 0, title: 0, identifiers: 0 });
    expect(ranked.map((hit) => hit.id)).toEqual(['calendar', 'crash', 'fonts', 'printing', 'youtube']);
    expect((await scorer.signals({ id: 'x', text: 'весной' })).dense).toBeUndefined();
  });

  it('ignores form lines that many reports share, but keeps the title', async () => {
    const templates = templateLines(
      reports.map((r) => r.text),
      5,
    );
    expect([...templates].sort()).toEqual(['actual results:', 'expected results:', 'steps to reproduce:']);
    expect(withoutTemplateLines(`Steps to reproduce:\n${FORM}\nbody`, templates)).toBe('Steps to reproduce:\nbody');
    // Were the form kept, a query written on it would match every report through it.
    const ranked = await createDuplicateScorer(reports).rank({ id: 'new', text: `Reminder pops up twice\n${FORM}` });
    expect(ranked[0]!.id).toBe('calendar');
  });
});

describe('technical tokens', () => {
  it('keeps error names, files, hosts, versions and code identifiers, and drops plain words', () => {
    const tokens = technicalTokens(
      'Crash in nsMsgSend.cpp: NS_ERROR_FAILURE at mozilla::dom::Element on dict.leo.org with 2.53.1, the Mail window',
    );
    expect([...tokens].sort()).toEqual(['2.53.1', 'NS_ERROR_FAILURE', 'dict.leo.org', 'mozilla::dom::Element', 'nsMsgSend.cpp']);
  });

  it('scores shared tokens by idf, so a token every entry has counts for nothing', () => {
    const index = createIdentifierIndex([
      { id: 'a', text: 'v2.53 NS_ERROR_ABORT' },
      { id: 'b', text: 'v2.53 NS_ERROR_ABORT' },
      { id: 'c', text: 'v2.53 only' },
    ]);
    expect(index.search('v2.53 NS_ERROR_ABORT')).toEqual([
      { id: 'a', score: Math.log(3 / 2) },
      { id: 'b', score: Math.log(3 / 2) },
    ]);
    expect(index.search('v2.53')).toEqual([]);
  });
});

describe('weighted reciprocal-rank fusion', () => {
  it('scales each list by its weight', () => {
    const fused = reciprocalRankFusion([[{ id: 'a', score: 1 }], [{ id: 'b', score: 1 }]], 60, [1, 3]);
    expect(fused).toEqual([
      { id: 'b', score: 3 / 61 },
      { id: 'a', score: 1 / 61 },
    ]);
    expect(() => reciprocalRankFusion([[]], 60, [1, 2])).toThrow(/2 weights for 1 lists/);
  });
});
