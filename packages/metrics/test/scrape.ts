import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';
import type { Registry } from 'prom-client';
import { metricsText } from '../src/index.ts';

/** The registry's `/metrics` text, parsed the way a Prometheus server would read it. */
export const scrape = async (registry: Registry): Promise<MetricFamily[]> => parsePrometheusTextFormat(await metricsText(registry));

export const family = (families: MetricFamily[], name: string): MetricFamily => {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no metric ${name} in ${families.map((f) => f.name).join(', ')}`);
  return found;
};

/** The one sample of `name` whose labels are exactly `labels`. */
export const sampleOf = (families: MetricFamily[], name: string, labels: Record<string, string>) => {
  const matches = family(families, name).metrics.filter(
    (m) => JSON.stringify(Object.entries(m.labels ?? {}).sort()) === JSON.stringify(Object.entries(labels).sort()),
  );
  if (matches.length !== 1) throw new Error(`${matches.length} samples of ${name} with ${JSON.stringify(labels)}`);
  return matches[0]!;
};

export const sampleValue = (families: MetricFamily[], name: string, labels: Record<string, string>): number =>
  Number(sampleOf(families, name, labels).value);

/**
 * One series of a labelled histogram, read through the same parser. The parser merges a whole
 * histogram family into one series and drops labelled `_sum` and `_count` lines, so the text is
 * first narrowed to the series with `labels` and every label but `le` is removed.
 */
export const histogramSeries = async (registry: Registry, name: string, labels: Record<string, string>) => {
  const wanted = Object.entries(labels).map(([k, v]) => new RegExp(`[{,]${k}="${v}"[,}]`));
  const lines = (await metricsText(registry))
    .split('\n')
    .filter((line) =>
      line.startsWith('#') ? line.split(' ')[2] === name : line.startsWith(`${name}_`) && wanted.every((w) => w.test(line)),
    )
    .map((line) => line.replace(/\{[^}]*\}/, (set) => set.match(/le="[^"]*"/)?.[0].replace(/.*/, '{$&}') ?? ''));
  const [parsed] = parsePrometheusTextFormat(`${lines.join('\n')}\n`); // it drops a last line without a newline
  if (parsed?.type !== 'HISTOGRAM') throw new Error(`no histogram ${name} with ${JSON.stringify(labels)}`);
  return parsed.metrics[0]!;
};
