import type { TechnicalEntities } from '@triage/contracts';
import { extractEntities } from '@triage/signals';

/** The kinds a person can label in free text; product areas and the trace head are judged elsewhere. */
export const ENTITY_KINDS = [
  'errorCodes',
  'exceptions',
  'stackFrames',
  'httpStatuses',
  'versions',
  'orderIds',
  'hostnames',
  'urls',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntitySample {
  text: string;
  entities: Partial<Record<EntityKind, string[]>>;
}

export interface KindScores {
  precision: number;
  recall: number;
  f1: number;
  /** Labelled values. */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface EntitiesResult {
  kind: 'entities';
  samplesFile: string;
  samples: number;
  perKind: Record<EntityKind, KindScores>;
  /** Over every kind with at least one label or one prediction. */
  micro: { precision: number; recall: number; f1: number };
  macroF1: number;
  /** Predicted spans whose text is not their value: must be 0. */
  badSpans: number;
  /** A few wrong values of each kind, for reading. */
  errors: { kind: EntityKind; text: string; missed: string[]; extra: string[] }[];
  microsecondsPerText: number;
}

const ratio = (a: number, b: number): number => (b ? a / b : 0);
const f1 = (p: number, r: number): number => (p + r ? (2 * p * r) / (p + r) : 0);

const scoresOf = (truePositives: number, falsePositives: number, falseNegatives: number): KindScores => {
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  return {
    precision,
    recall,
    f1: f1(precision, recall),
    support: truePositives + falseNegatives,
    truePositives,
    falsePositives,
    falseNegatives,
  };
};

const MAX_ERRORS_PER_KIND = 5;

/** Matches each text's extracted values against its labels, kind by kind, as sets of exact strings. */
export const evaluateEntities = (samples: readonly EntitySample[], samplesFile: string): EntitiesResult => {
  // Timed on a second pass: the first pays for compiling every pattern.
  for (const s of samples) extractEntities(s.text);
  const start = performance.now();
  const extracted: TechnicalEntities[] = samples.map((s) => extractEntities(s.text));
  const microsecondsPerText = ((performance.now() - start) * 1000) / Math.max(1, samples.length);

  const counts = Object.fromEntries(ENTITY_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<
    EntityKind,
    { tp: number; fp: number; fn: number }
  >;
  const errors: EntitiesResult['errors'] = [];
  let badSpans = 0;
  samples.forEach((sample, i) => {
    const found = extracted[i] as TechnicalEntities;
    for (const kind of ENTITY_KINDS) {
      const spans = found[kind];
      badSpans += spans.filter((s) => sample.text.slice(s.start, s.end) !== s.value).length;
      const predicted = new Set(spans.map((s) => s.value));
      const gold = new Set(sample.entities[kind] ?? []);
      const missed = [...gold].filter((v) => !predicted.has(v));
      const extra = [...predicted].filter((v) => !gold.has(v));
      const c = counts[kind];
      c.tp += gold.size - missed.length;
      c.fn += missed.length;
      c.fp += extra.length;
      if ((missed.length || extra.length) && errors.filter((e) => e.kind === kind).length < MAX_ERRORS_PER_KIND) {
        errors.push({ kind, text: sample.text, missed, extra });
      }
    }
  });
  const perKind = Object.fromEntries(ENTITY_KINDS.map((k) => [k, scoresOf(counts[k].tp, counts[k].fp, counts[k].fn)])) as Record<
    EntityKind,
    KindScores
  >;
  const all = Object.values(counts).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const micro = scoresOf(all.tp, all.fp, all.fn);
  const judged = Object.values(perKind).filter((s) => s.support + s.falsePositives > 0);
  return {
    kind: 'entities',
    samplesFile,
    samples: samples.length,
    perKind,
    micro: { precision: micro.precision, recall: micro.recall, f1: micro.f1 },
    macroF1: judged.reduce((sum, s) => sum + s.f1, 0) / Math.max(1, judged.length),
    badSpans,
    errors,
    microsecondsPerText,
  };
};
