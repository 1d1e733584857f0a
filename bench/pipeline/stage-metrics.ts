import { round } from '../support/stats.ts';

type Totals = Map<string, { sum: number; count: number }>;

const SERIES = /^triage_stage_duration_seconds_(sum|count)\{[^}]*stage="([^"]+)"[^}]*\} (\S+)$/gm;

/** Each stage's `triage_stage_duration_seconds` sum and count from a service's `/metrics`. */
const scrape = async (healthPort: number): Promise<Totals> => {
  const text = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
  const totals: Totals = new Map();
  for (const [, kind, stage, value] of text.matchAll(SERIES)) {
    const entry = totals.get(stage!) ?? { sum: 0, count: 0 };
    entry[kind as 'sum' | 'count'] += Number(value);
    totals.set(stage!, entry);
  }
  return totals;
};

/**
 * Mean handler time per event of each stage between two moments, from the services' own histograms
 * (a batch's handler time divided among its events): processing only, no queueing or transport.
 */
export const stageDurations = async (healthPorts: number[]) => {
  const before = await Promise.all(healthPorts.map(scrape));
  return async (): Promise<Record<string, number>> => {
    const after = await Promise.all(healthPorts.map(scrape));
    const means: Record<string, number> = {};
    after.forEach((totals, i) => {
      for (const [stage, { sum, count }] of totals) {
        const start = before[i]!.get(stage) ?? { sum: 0, count: 0 };
        if (count > start.count) means[stage] = round(((sum - start.sum) / (count - start.count)) * 1000, 2);
      }
    });
    return means;
  };
};
