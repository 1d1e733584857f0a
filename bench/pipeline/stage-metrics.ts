import { round } from '../support/stats.ts';

type Totals = Map<string, { sum: number; count: number }>;
interface Scraped {
  duration: Totals;
  batches: Totals;
}

const series = (name: string) => new RegExp(`^${name}_(sum|count)\\{[^}]*stage="([^"]+)"[^}]*\\} (\\S+)$`, 'gm');
const DURATION = series('triage_stage_duration_seconds');
const BATCHES = series('triage_stage_batch_events');

const totalsOf = (text: string, pattern: RegExp): Totals => {
  const totals: Totals = new Map();
  for (const [, kind, stage, value] of text.matchAll(pattern)) {
    const entry = totals.get(stage!) ?? { sum: 0, count: 0 };
    entry[kind as 'sum' | 'count'] += Number(value);
    totals.set(stage!, entry);
  }
  return totals;
};

/** Each stage's `triage_stage_duration_seconds` and `triage_stage_batch_events` sums and counts from a service's `/metrics`. */
const scrape = async (healthPort: number): Promise<Scraped> => {
  const text = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
  return { duration: totalsOf(text, DURATION), batches: totalsOf(text, BATCHES) };
};

/** Per stage, `sum / count` of what was added to a series between two scrapes, times `scale`. */
const meansBetween = (before: Totals[], after: Totals[], scale: number): Record<string, number> => {
  const means: Record<string, number> = {};
  after.forEach((totals, i) => {
    for (const [stage, { sum, count }] of totals) {
      const start = before[i]!.get(stage) ?? { sum: 0, count: 0 };
      if (count > start.count) means[stage] = round(((sum - start.sum) / (count - start.count)) * scale, 2);
    }
  });
  return means;
};

/**
 * Between two moments, from the services' own histograms: each stage's mean handler time per event
 * (a batch's handler time divided among its events: processing only, no queueing or transport),
 * and its events per handler call (how far its fixed costs per call are shared).
 */
export const stageDurations = async (healthPorts: number[]) => {
  const before = await Promise.all(healthPorts.map(scrape));
  return async (): Promise<{ handlerMsPerEvent: Record<string, number>; eventsPerCall: Record<string, number> }> => {
    const after = await Promise.all(healthPorts.map(scrape));
    return {
      handlerMsPerEvent: meansBetween(
        before.map((s) => s.duration),
        after.map((s) => s.duration),
        1000,
      ),
      eventsPerCall: meansBetween(
        before.map((s) => s.batches),
        after.map((s) => s.batches),
        1,
      ),
    };
  };
};
