import { describe, expect, it } from 'vitest';
import { redact } from '@triage/redaction';
import type { KnowledgeGap } from '@triage/store';
import { extractiveDraft } from '../src/extractive-draft.ts';
import { placeGap } from '../src/placement.ts';

const gap = (ticketId: string, groupId: string, subject: string, body: string, notes: string): KnowledgeGap => ({
  ticketId,
  groupId,
  category: 'billing',
  notes,
  kbConfidence: 0.2,
  resolvedAt: '2025-03-04T09:00:00.000Z',
  subject,
  text: `${subject}\n${body}`,
});

const pdf = [
  gap(
    't1',
    'g-pdf',
    'Invoice PDF export fails',
    'When I export my invoice as PDF the download is empty.',
    'Cleared the cached invoice template for the account. Regenerated the invoice PDF from the billing page and mailed it to jo@acme.test.',
  ),
  gap(
    't2',
    'g-pdf',
    'Cannot export invoices to PDF',
    'The PDF export of invoices gives a blank file.',
    'Asked the customer to clear the cached invoice template. Then regenerated the invoice PDF from the billing page. Thanks!',
  ),
];
const refund = gap(
  't3',
  'g-refund',
  'Refund for double charge',
  'I was charged twice this month, please refund.',
  'Refunded the duplicate charge.',
);
const rules = { minSimilarity: 0.55, minTextSimilarity: 0.2, redact };

describe('extractive drafts', () => {
  it('keeps the central steps of the notes once each, without personal data or filler', async () => {
    const draft = await extractiveDraft(pdf, redact);
    expect(draft.source).toBe('extractive');
    expect(pdf.map((g) => g.subject)).toContain(draft.title);
    const steps = draft.body.split('\n').filter((line) => line.startsWith('- '));
    // The two notes say "clear the cached template" and "regenerate the PDF" twice each: one step apiece.
    expect(steps.filter((s) => /cached invoice template/.test(s))).toHaveLength(1);
    expect(steps.filter((s) => /regenerated the invoice PDF/i.test(s))).toHaveLength(1);
    expect(steps).toHaveLength(2);
    expect(draft.body).not.toContain('jo@acme.test');
    expect(draft.body).not.toContain('Thanks');
    expect(draft.body).toContain('2 tickets');
  });

  it('says so when the notes hold no usable sentence', async () => {
    const draft = await extractiveDraft([gap('t9', 'g', 'Odd issue', 'It broke.', 'Done.')], redact);
    expect(draft.body).toContain('the resolution notes say nothing yet');
  });
});

describe('placing a gap', () => {
  it('joins the group of its most similar earlier gap of the topic, and writes the draft from all of them', async () => {
    const third = gap(
      't4',
      '',
      'Empty PDF when exporting invoice',
      'Exporting an invoice produces a 0 byte PDF.',
      'Cleared the cached invoice template.',
    );
    const placed = await placeGap(third, [...pdf, refund], rules);
    expect(placed.groupId).toBe('g-pdf');
    expect(placed.draft.body).toContain('3 tickets');
  });

  it('opens a group of its own when nothing earlier is similar enough', async () => {
    const other = gap(
      't5',
      '',
      'Change billing address',
      'How do I update the billing address on my invoices?',
      'Updated the address in settings.',
    );
    const placed = await placeGap(other, [...pdf, refund], rules);
    expect(['g-pdf', 'g-refund']).not.toContain(placed.groupId);
    expect(placed.draft.body).toContain('1 ticket ');
  });

  it("compares the tickets' vectors when every ticket has one", async () => {
    const third = gap('t4', '', 'Empty PDF when exporting invoice', 'Exporting an invoice produces a 0 byte PDF.', 'Cleared the cache.');
    // By their words the new gap is a PDF one; its vectors put it nearest the refund, near enough, then not.
    const near = [
      { ...pdf[0]!, similarity: 0.3 },
      { ...pdf[1]!, similarity: 0.2 },
      { ...refund, similarity: 0.6 },
    ];
    expect((await placeGap(third, near, rules)).groupId).toBe('g-refund');
    const far = near.map((c) => ({ ...c, similarity: c.similarity - 0.1 }));
    expect(['g-pdf', 'g-refund']).not.toContain((await placeGap(third, far, rules)).groupId);
    // One ticket without a vector: the words decide, for all of them.
    expect((await placeGap(third, [...near.slice(1), pdf[0]!], rules)).groupId).toBe('g-pdf');
  });

  it('keeps a ticket resolved again in the group it was in', async () => {
    const again = { ...refund, notes: 'Refunded the duplicate charge and fixed the retry.' };
    expect((await placeGap(again, [...pdf, refund], rules)).groupId).toBe('g-refund');
  });
});
