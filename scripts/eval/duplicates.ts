import type { TextEmbedder } from '@triage/embeddings';
import {
  DEFAULT_SIGNAL_WEIGHTS,
  DUPLICATE_SIGNALS,
  createDuplicateScorer,
  fuseSignals,
  hitAtK,
  reciprocalRankAtK,
  type DuplicateSignal,
  type SignalRankings,
  type SignalWeights,
} from '@triage/ml';
import type { BugReport } from './duplicates-files.ts';
import { inBatches, progressBar } from './progress.ts';

export interface DuplicateScores {
  /** Share of queries with a duplicate ranked first. */
  hitAt1: number;
  /** Share of queries with a duplicate in the top 5. */
  hitAt5: number;
  /** Mean reciprocal rank of the first duplicate, 0 past rank 10. */
  mrrAt10: number;
}

export interface DuplicatesResult extends DuplicateScores {
  kind: 'duplicates';
  reportsFile: string;
  pairsFile: string;
  embedder: string;
  reports: number;
  pairs: number;
  /** Reports with a known duplicate; each ranks all the other reports. */
  queries: number;
  /** Groups of reports linked by pairs, the unit held out when tuning. */
  clusters: number;
  /** The scorer's default weights; the headline scores are theirs. */
  weights: SignalWeights;
  /** Each signal alone. */
  signals: ({ signal: DuplicateSignal } & DuplicateScores)[];
  tuned: {
    /** Leave one cluster out: weights chosen by MRR@10 on the other clusters' queries, scored on the held-out one's. */
    crossValidated: DuplicateScores;
    /** Weights chosen on all queries, and their optimistic scores on those same queries. */
    weights: SignalWeights;
    inSample: DuplicateScores;
    /** Weight settings searched. */
    settings: number;
  };
  timing: { embedSeconds: number; queriesPerSecond: number };
}

/** Candidate weights of the lexical signals, dense fixed at 1: fusion only depends on the ratios. */
const GRID = [0, 0.5, 1, 2];
/** Texts per embedDocuments call; only sets how often the progress bar moves. */
const EMBED_BATCH = 16;

interface Query {
  id: string;
  duplicates: string[];
  cluster: number;
  rankings: SignalRankings;
}

type PerQuery = { hit1: number; hit5: number; rr10: number }[];

export const evaluateDuplicates = async (
  reports: BugReport[],
  pairs: [string, string][],
  embedder: TextEmbedder,
  files: { reportsFile: string; pairsFile: string },
): Promise<DuplicatesResult> => {
  let started = performance.now();
  const vectors = await inBatches(reports, EMBED_BATCH, progressBar('embedding reports'), (batch) =>
    embedder.embedDocuments(batch.map((report) => report.text)),
  );
  const embedSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const candidates = reports.map((report, i) => ({ ...report, embedding: vectors[i]! }));
  const scorer = createDuplicateScorer(candidates);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const { duplicates, clusterOf } = linkPairs(pairs);
  const queries: Query[] = [];
  for (const [id, linked] of duplicates) {
    queries.push({ id, duplicates: [...linked], cluster: clusterOf.get(id)!, rankings: await scorer.signals(byId.get(id)!) });
  }
  const byDefault = score(queries, DEFAULT_SIGNAL_WEIGHTS);
  const queriesPerSecond = queries.length / ((performance.now() - started) / 1000);

  const settings = weightGrid();
  const perSetting = settings.map((weights) => score(queries, weights));
  const best = (include: (q: number) => boolean) => {
    let chosen = 0;
    let top = -1;
    perSetting.forEach((rows, s) => {
      const total = rows.reduce((sum, row, q) => sum + (include(q) ? row.rr10 : 0), 0);
      if (total > top + 1e-12) [chosen, top] = [s, total];
    });
    return chosen;
  };
  const heldOut = queries.map((query, q) => perSetting[best((other) => queries[other]!.cluster !== query.cluster)]![q]!);
  const onAll = best(() => true);

  return {
    kind: 'duplicates',
    ...files,
    embedder: embedder.name,
    reports: reports.length,
    pairs: pairs.length,
    queries: queries.length,
    clusters: new Set(clusterOf.values()).size,
    ...mean(byDefault),
    weights: DEFAULT_SIGNAL_WEIGHTS,
    signals: DUPLICATE_SIGNALS.map((signal) => ({ signal, ...mean(score(queries, only(signal))) })),
    tuned: { crossValidated: mean(heldOut), weights: settings[onAll]!, inSample: mean(perSetting[onAll]!), settings: settings.length },
    timing: { embedSeconds, queriesPerSecond },
  };
};

const score = (queries: readonly Query[], weights: SignalWeights): PerQuery =>
  queries.map(({ rankings, duplicates }) => {
    const ranked = fuseSignals(rankings, weights)
      .slice(0, 10)
      .map((hit) => hit.id);
    return {
      hit1: hitAtK(ranked, duplicates, 1),
      hit5: hitAtK(ranked, duplicates, 5),
      rr10: reciprocalRankAtK(ranked, duplicates, 10),
    };
  });

const mean = (rows: PerQuery): DuplicateScores => {
  const average = (key: keyof PerQuery[number]) => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
  return { hitAt1: average('hit1'), hitAt5: average('hit5'), mrrAt10: average('rr10') };
};

const only = (signal: DuplicateSignal): SignalWeights =>
  Object.fromEntries(DUPLICATE_SIGNALS.map((s) => [s, s === signal ? 1 : 0])) as Record<DuplicateSignal, number>;

/** The default first, so a tie keeps it. */
const weightGrid = (): SignalWeights[] => [
  DEFAULT_SIGNAL_WEIGHTS,
  ...GRID.flatMap((text) => GRID.flatMap((title) => GRID.map((identifiers) => ({ dense: 1, text, title, identifiers })))),
];

/** Each report's duplicates (pairs read both ways) and its cluster: the connected component of the pairs graph. */
const linkPairs = (pairs: readonly [string, string][]) => {
  const duplicates = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = duplicates.get(a);
    if (set) set.add(b);
    else duplicates.set(a, new Set([b]));
  };
  for (const [a, b] of pairs) {
    link(a, b);
    link(b, a);
  }
  const clusterOf = new Map<string, number>();
  for (const start of duplicates.keys()) {
    if (clusterOf.has(start)) continue;
    const cluster = clusterOf.size;
    const stack = [start];
    clusterOf.set(start, cluster);
    while (stack.length > 0) {
      for (const next of duplicates.get(stack.pop()!)!) {
        if (!clusterOf.has(next)) {
          clusterOf.set(next, cluster);
          stack.push(next);
        }
      }
    }
  }
  return { duplicates, clusterOf };
};
