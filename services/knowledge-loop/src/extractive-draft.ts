import { words } from '@triage/ml';
import type { DraftArticle, KnowledgeGap } from '@triage/store';
import { similarities } from './similarity.ts';

/** The most recent gaps of a group a draft is written from: centrality is quadratic in the sentences. */
const DRAFT_GAPS = 40;
const RESOLUTION_SENTENCES = 5;
/** A sentence this similar to one already chosen says the same thing again. */
const REDUNDANT = 0.4;
/** A sentence less central than this share of the most central one is about one ticket alone. */
const MIN_CENTRALITY_SHARE = 0.25;
/** Shorter sentences ("Done.", "Thanks!") carry no procedure. */
const MIN_WORDS = 3;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

const sentencesOf = (notes: string): string[] =>
  [...segmenter.segment(notes)].map((s) => s.segment.replace(/\s+/g, ' ').trim()).filter((s) => words(s).length >= MIN_WORDS);

/** Each text's centrality, the summed similarity to the others (LexRank's degree variant), highest first. */
const byCentrality = (matrix: number[][]): { i: number; score: number }[] =>
  matrix
    .map((row, i) => ({ i, score: row.reduce((sum, s, j) => (i === j ? sum : sum + s), 0) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);

/**
 * An offline draft article for a group of gaps: titled by its most typical ticket, with the most
 * central sentences of the agents' resolution notes as its steps, each saying something new.
 * Gaps come most recent first; `redact` removes personal data the notes may hold.
 */
export const extractiveDraft = async (gaps: readonly KnowledgeGap[], redact: (text: string) => string): Promise<DraftArticle> => {
  const recent = gaps.slice(0, DRAFT_GAPS);
  const typical = recent[byCentrality(await similarities(recent.map((g) => g.text)))[0]?.i ?? 0];
  const sentences = [...new Set(recent.flatMap((g) => sentencesOf(g.notes)))];
  const matrix = await similarities(sentences);
  const ranked = byCentrality(matrix);
  const floor = (ranked[0]?.score ?? 0) * MIN_CENTRALITY_SHARE;
  const chosen: number[] = [];
  for (const { i, score } of ranked) {
    if (chosen.length === RESOLUTION_SENTENCES || (chosen.length > 0 && score < floor)) break;
    if (chosen.every((j) => matrix[i]![j]! < REDUNDANT)) chosen.push(i);
  }
  const steps = chosen.map((i) => `- ${sentences[i]}`);
  const body = [
    `Problem: ${typical?.subject ?? ''}`,
    '',
    'Resolution:',
    ...(steps.length ? steps : ['- (the resolution notes say nothing yet)']),
    '',
    `Drafted from the resolution notes of ${gaps.length} ticket${gaps.length === 1 ? '' : 's'} the knowledge base did not answer.`,
  ].join('\n');
  return { title: redact(typical?.subject ?? 'Untitled'), body: redact(body), source: 'extractive' };
};
