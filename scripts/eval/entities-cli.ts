import { InputError, readUtf8 } from '@triage/ml';
import { z } from 'zod';
import { UsageError } from '../cli/failures.ts';
import { ENTITY_KINDS, evaluateEntities, type EntitiesResult, type EntitySample } from './entities.ts';
import { escapeHtml, page, table } from './report-html.ts';

const Sample = z.strictObject({
  source: z.string().optional(),
  text: z.string().min(1),
  entities: z.partialRecord(z.enum(ENTITY_KINDS), z.array(z.string().min(1))),
});

/** JSON Lines: `{"text": …, "entities": {"versions": ["3.1.0"], …}}`, an optional `source`; blank lines skipped. */
export const readEntitySamples = async (file: string): Promise<EntitySample[]> =>
  (await readUtf8(file)).split('\n').flatMap((raw, i) => {
    if (!raw.trim()) return [];
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new InputError(file, i + 1, 'not a JSON object');
    }
    const parsed = Sample.safeParse(json);
    if (!parsed.success)
      throw new InputError(file, i + 1, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    return [{ text: parsed.data.text, entities: parsed.data.entities }];
  });

const summary = (r: EntitiesResult): string =>
  `${r.samples} texts: micro precision ${r.micro.precision.toFixed(3)}, recall ${r.micro.recall.toFixed(3)}, F1 ${r.micro.f1.toFixed(3)}; ` +
  `macro-F1 ${r.macroF1.toFixed(3)} over the kinds seen; ${r.badSpans} spans off their text; ${r.microsecondsPerText.toFixed(0)} µs a text`;

const rows = (r: EntitiesResult) => ENTITY_KINDS.map((kind) => [kind, r.perKind[kind]] as const);

export const formatEntities = (r: EntitiesResult): string =>
  [
    `entities: ${summary(r)}`,
    `  ${'kind'.padEnd(13)} precision  recall     F1  labelled  extra`,
    ...rows(r).map(
      ([kind, s]) =>
        `  ${kind.padEnd(13)} ${[s.precision, s.recall, s.f1].map((v) => v.toFixed(3).padStart(9)).join('')}  ${String(s.support).padStart(8)}  ${String(s.falsePositives).padStart(5)}`,
    ),
    '  errors:',
    ...r.errors.map(
      (e) =>
        `    ${e.kind}: missed ${JSON.stringify(e.missed)}, extra ${JSON.stringify(e.extra)} in ${JSON.stringify(e.text.slice(0, 100))}`,
    ),
  ].join('\n');

export const entitiesHtml = (r: EntitiesResult): string =>
  page(`Entity extraction: ${escapeHtml(r.samplesFile)}`, [
    `<p>${escapeHtml(summary(r))}.</p>`,
    table(
      ['Kind', 'Precision', 'Recall', 'F1', 'Labelled', 'Extra'],
      rows(r).map(
        ([kind, s]) =>
          `<tr><td>${kind}</td><td>${s.precision.toFixed(3)}</td><td>${s.recall.toFixed(3)}</td><td>${s.f1.toFixed(3)}</td><td>${s.support}</td><td>${s.falsePositives}</td></tr>`,
      ),
    ),
    table(
      ['Kind', 'Missed', 'Extra', 'Text'],
      r.errors.map(
        (e) =>
          `<tr><td>${e.kind}</td><td>${escapeHtml(e.missed.join(', '))}</td><td>${escapeHtml(e.extra.join(', '))}</td><td>${escapeHtml(e.text)}</td></tr>`,
      ),
    ),
  ]);

/** `--entities --samples F`: the extractor the escalator runs on every ticket, kind by kind. */
export const entitiesReport = async (values: Record<string, string | undefined>) => {
  const file = values.samples;
  if (file === undefined) throw new UsageError('--entities needs --samples (JSON Lines with text and entities)');
  const result = evaluateEntities(await readEntitySamples(file), file);
  return { result, text: formatEntities(result), html: () => entitiesHtml(result) };
};
