import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { CategorizerConfig } from '@triage/categorizer';
import { EmbeddedConfig } from '@triage/embedded';
import { EmbeddingsEnv } from '@triage/embeddings';
import { EscalatorConfig } from '@triage/escalator';
import { HandoffConfig } from '@triage/handoff-composer';
import { OperatorConfig } from '@triage/http';
import { InsightsConfig } from '@triage/insights';
import { KnowledgeLoopConfig } from '@triage/knowledge-loop';
import { IntakeConfig } from '@triage/intake';
import { RetrievalConfig } from '@triage/knowledge';
import { LlmEnv } from '@triage/llm';
import { ProblemsConfig } from '@triage/problems';
import { RtConnectorConfig } from '@triage/rt-connector';
import { PlatformEnv } from '@triage/runtime';
import { SlaWatchConfig } from '@triage/sla-watch';
import { WebhookEgressConfig } from '@triage/webhook-policy';
import { WebhooksConfig } from '@triage/webhooks';

export const ROOT = join(import.meta.dirname, '../..');
export const START = '<!-- settings:start -->';
export const END = '<!-- settings:end -->';

export interface SettingsSource {
  name: string;
  schema: z.ZodType;
  /** Text in a service's or script's code that means it reads this schema from the environment. */
  readMarkers: string[];
}

/** Every schema the processes parse from the environment, in the order the table lists them. */
export const settingsSources: SettingsSource[] = [
  // runStandalone parses the platform's settings for every standalone service.
  { name: 'PlatformEnv', schema: PlatformEnv, readMarkers: ['loadConfig(PlatformEnv', 'runStandalone('] },
  ...Object.entries({
    IntakeConfig,
    InsightsConfig,
    OperatorConfig,
    CategorizerConfig,
    RetrievalConfig,
    EscalatorConfig,
    HandoffConfig,
    ProblemsConfig,
    SlaWatchConfig,
    KnowledgeLoopConfig,
    RtConnectorConfig,
    WebhookEgressConfig,
    WebhooksConfig,
    EmbeddingsEnv,
    LlmEnv,
    EmbeddedConfig,
  }).map(([name, schema]) => ({ name, schema, readMarkers: [`loadConfig(${name}`] })),
];

export interface SettingRow {
  setting: string;
  default: string;
  allowed: string;
  readBy: string;
  description: string;
}

type JsonSchema = Record<string, unknown>;

// A schema that transforms what it parsed (EmbeddingsEnv, LlmEnv) is a pipe from the object of settings.
const objectOf = (schema: z.ZodType): z.ZodObject => {
  const def = schema._zod.def as { type: string; in?: z.ZodType };
  if (def.type === 'pipe' && def.in) return objectOf(def.in);
  if (def.type === 'object') return schema as z.ZodObject;
  throw new Error(`expected an object of settings, got a ${def.type}`);
};

const code = (text: string) => `\`${text}\``;

// Paths are resolved from the module that declares them: shown from the repository root, they read
// the same on every machine.
const formatDefault = (value: unknown, shown: unknown): string => {
  if (typeof shown === 'string') return shown;
  if (value === undefined) return 'unset';
  if (value === '') return 'empty';
  if (Array.isArray(value)) return code(value.join(','));
  const text = String(value);
  return code(text.startsWith(`${ROOT}/`) ? relative(ROOT, text) : text);
};

// zod's `.int()` bounds an integer to the safe range, which says nothing about the setting.
const bound = (value: unknown) => (typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined);

const bounds = (p: JsonSchema): string => {
  const [min, max, above, below] = [bound(p.minimum), bound(p.maximum), bound(p.exclusiveMinimum), bound(p.exclusiveMaximum)];
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  return [
    ...(min !== undefined ? [`≥ ${min}`] : []),
    ...(above !== undefined ? [`> ${above}`] : []),
    ...(max !== undefined ? [`≤ ${max}`] : []),
    ...(below !== undefined ? [`< ${below}`] : []),
  ].join(' and ');
};

const formatAllowed = (input: JsonSchema, output: JsonSchema): string => {
  if (Array.isArray(input.enum)) return input.enum.map((v) => code(String(v))).join(', ');
  if (input.type === 'string' && output.type === 'array') return 'comma-separated list';
  if (input.type === 'integer' || input.type === 'number') return `${input.type} ${bounds(input)}`.trim();
  if (input.format === 'uri') return 'URL';
  if (typeof input.pattern === 'string') return `string matching ${code(input.pattern)}`;
  if (typeof input.minLength === 'number' && input.minLength > 1) return `string of ${input.minLength} characters or more`;
  return input.minLength ? 'non-empty string' : 'string';
};

const properties = (object: z.ZodObject, io: 'input' | 'output'): Record<string, JsonSchema> =>
  (z.toJSONSchema(object, { io, unrepresentable: 'any' }) as { properties: Record<string, JsonSchema> }).properties;

/** Which services and npm scripts read a source, found in their code so the table follows the wiring. */
const readersOf = (source: SettingsSource): string => {
  const reads = (file: string) => source.readMarkers.some((marker) => readFileSync(file, 'utf8').includes(marker));
  // A script may load its settings through the tools' shared helpers (scripts/cli).
  const scriptReads = (file: string): boolean =>
    reads(file) ||
    [...readFileSync(file, 'utf8').matchAll(/from '\.\/(cli\/[\w-]+\.ts)'/g)].some(([, path]) => reads(join(ROOT, 'scripts', path!)));
  const services = readdirSync(join(ROOT, 'services')).filter((service) => {
    const src = join(ROOT, 'services', service, 'src');
    return readdirSync(src, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('.ts') && reads(join(src, f)));
  });
  const npmScripts = Object.entries(
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
  )
    .filter(([, command]) => /^node scripts\/[\w-]+\.ts$/.test(command) && scriptReads(join(ROOT, command.slice('node '.length))))
    .map(([name]) => `npm run ${name}`);
  return [...services, ...npmScripts].join(', ');
};

// Services first, then the npm scripts, each alphabetically: the order `readersOf` lists them in.
const readerOrder = (reader: string) => `${reader.startsWith('npm run ') ? 1 : 0}${reader}`;

/**
 * One row per setting a schema shares with another (`TRUSTED_PROXIES` of `ClientAddressConfig`, spread
 * into intake's and insights' settings), naming every reader; a setting two schemas define each
 * their own way keeps a row each.
 */
const mergeShared = (rows: SettingRow[]): SettingRow[] => {
  const merged = new Map<string, SettingRow>();
  for (const row of rows) {
    const key = JSON.stringify([row.setting, row.default, row.allowed, row.description]);
    const seen = merged.get(key);
    if (!seen) merged.set(key, row);
    else
      seen.readBy = [...new Set([...seen.readBy.split(', '), ...row.readBy.split(', ')])]
        .filter(Boolean)
        .sort((a, b) => (readerOrder(a) < readerOrder(b) ? -1 : 1))
        .join(', ');
  }
  return [...merged.values()];
};

export const settingRows = (sources: SettingsSource[] = settingsSources): SettingRow[] =>
  mergeShared(
    sources.flatMap((source) => {
      const object = objectOf(source.schema);
      const inputs = properties(object, 'input');
      const outputs = properties(object, 'output');
      const readBy = readersOf(source);
      return Object.keys(object.shape).map((setting) => {
        const input = inputs[setting] ?? {};
        const output = outputs[setting] ?? {};
        return {
          setting,
          default: formatDefault(output.default, input.defaultShown),
          allowed: formatAllowed(input, output),
          readBy,
          description: typeof input.description === 'string' ? input.description : '',
        };
      });
    }),
  );

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export const renderSettingsTable = (rows: SettingRow[] = settingRows()): string => {
  const header = ['setting', 'default', 'allowed', 'read by', 'description'];
  const body = rows.map((r) => [code(r.setting), r.default, r.allowed, r.readBy, r.description].map(cell));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
};

/** The README with its settings table replaced by `table`. */
export const withSettingsTable = (readme: string, table: string): string => {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
};
