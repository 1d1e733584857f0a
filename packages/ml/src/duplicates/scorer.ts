import { DenseIndex } from '../retrieval/dense-index.ts';
import { reciprocalRankFusion } from '../retrieval/fusion.ts';
import { LexicalIndex } from '../retrieval/lexical-index.ts';
import type { ScoredId } from '../retrieval/types.ts';
import { createIdentifierIndex } from './identifiers.ts';
import { templateLines, withoutTemplateLines } from './templates.ts';

/** A ticket or bug report: its text (title on the first line, as `ticketText` writes it) and, when stored, its sentence embedding. */
export interface TicketReport {
  id: string;
  text: string;
  embedding?: ArrayLike<number> | undefined;
}

/**
 * dense: cosine of the stored embeddings; text: TF-IDF cosine (word 1-2 and character 2-5 grams)
 * of the texts without template lines; title: the same over the first lines; identifiers: shared
 * rare technical tokens (error names, files, hosts, versions).
 */
export const DUPLICATE_SIGNALS = ['dense', 'text', 'title', 'identifiers'] as const;
export type DuplicateSignal = (typeof DUPLICATE_SIGNALS)[number];
export type SignalWeights = Readonly<Record<DuplicateSignal, number>>;
/** Each signal's ranking of the candidates, best first; a signal without evidence for a candidate leaves it out. */
export type SignalRankings = Partial<Record<DuplicateSignal, ScoredId[]>>;

/**
 * Equal weights. Weights tuned on the SeaMonkey fixture's 62 pairs did worse on held-out clusters
 * (MRR@10 0.622 against 0.653), so none of the signals is favoured.
 */
export const DEFAULT_SIGNAL_WEIGHTS: SignalWeights = { dense: 1, text: 1, title: 1, identifiers: 1 };

/** Cormack et al.'s constant: ranks past the first few tens still count, so no single signal decides. */
const RRF_K = 60;

export interface DuplicateScorer {
  /** Each signal's ranking of the candidates for the query; a candidate with the query's id is left out. */
  signals: (query: TicketReport) => Promise<SignalRankings>;
  /** The candidates by weighted reciprocal-rank fusion of the signals, most similar first. */
  rank: (query: TicketReport, weights?: SignalWeights) => Promise<ScoredId[]>;
}

/**
 * Related-ticket scoring over a candidate set (say, a tenant's recent tickets or pgvector's
 * nearest neighbours): lexical statistics are fitted on the candidates, and the dense side uses
 * the embeddings already stored, so scoring runs no model.
 */
export const createDuplicateScorer = (candidates: readonly TicketReport[]): DuplicateScorer => {
  const templates = templateLines(candidates.map((c) => c.text));
  const cleaned = candidates.map((c) => ({ id: c.id, text: withoutTemplateLines(c.text, templates) }));
  const text = new LexicalIndex();
  const title = new LexicalIndex();
  for (const { id, text: body } of cleaned) {
    text.add(id, body);
    title.add(id, titleOf(body));
  }
  const identifiers = createIdentifierIndex(cleaned);
  const embedded = candidates.filter((c) => c.embedding !== undefined);
  const dense = embedded.length > 0 ? new DenseIndex(embedded[0]!.embedding!.length) : undefined;
  for (const c of embedded) dense!.add(c.id, c.embedding!);

  const signals = async (query: TicketReport): Promise<SignalRankings> => {
    const all = candidates.length;
    const body = withoutTemplateLines(query.text, templates);
    const others = (hits: ScoredId[], positiveOnly: boolean) =>
      hits.filter((hit) => hit.id !== query.id && (!positiveOnly || hit.score > 0));
    const rankings: SignalRankings = {
      text: others(await text.search({ text: body }, all), true),
      title: others(await title.search({ text: titleOf(body) }, all), true),
      identifiers: others(identifiers.search(body), true),
    };
    if (dense && query.embedding) rankings.dense = others(await dense.search({ embedding: Array.from(query.embedding) }, all), false);
    return rankings;
  };
  return { signals, rank: async (query, weights) => fuseSignals(await signals(query), weights) };
};

/**
 * Weighted reciprocal-rank fusion of the rankings `signals` gave. A signal absent for the query (no
 * embedding) or weighted 0 drops out, so it lists no candidate it has no say on.
 */
export const fuseSignals = (rankings: SignalRankings, weights: SignalWeights = DEFAULT_SIGNAL_WEIGHTS): ScoredId[] => {
  const present = DUPLICATE_SIGNALS.filter((signal) => rankings[signal] !== undefined && weights[signal] > 0);
  return reciprocalRankFusion(
    present.map((signal) => rankings[signal]!),
    RRF_K,
    present.map((signal) => weights[signal]),
  );
};

const titleOf = (text: string): string => text.split('\n', 1)[0]!;
