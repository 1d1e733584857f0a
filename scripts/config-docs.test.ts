import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { END, ROOT, renderSettingsTable, START, settingRows, withSettingsTable } from './config-docs/settings.ts';

describe('the settings table', () => {
  it("is README.md's, as the config schemas give it", async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const expected = withSettingsTable(readme, renderSettingsTable());
    expect(readme, "README.md's settings table differs from the config schemas: run `npm run docs:settings`").toBe(expected);
  });

  it('describes every setting', () => {
    expect(
      settingRows()
        .filter((r) => !r.description)
        .map((r) => r.setting),
    ).toEqual([]);
  });

  it('shows defaults, allowed values and readers from a schema', () => {
    const Example = z
      .object({
        MODE: z.enum(['fast', 'exact']).default('fast').describe('how'),
        HOSTS: z
          .string()
          .transform((s) => s.split(','))
          .pipe(z.array(z.string()))
          .default(['a:1', 'b:2'])
          .describe('where'),
        FILE: z.string().min(1).default(join(ROOT, 'data/seed/kb')).describe('what'),
        LIMIT: z.coerce.number().int().min(1).max(9).optional().describe('how many'),
        ID: z.string().default('4711').meta({ description: 'who', defaultShown: 'the process id' }),
      })
      .transform((e) => e.MODE);
    const rows = settingRows([{ name: 'Example', schema: Example, readMarkers: ['loadConfig(EmbeddingsEnv'] }]);
    expect(rows.map(({ readBy, ...r }) => r)).toEqual([
      { setting: 'MODE', default: '`fast`', allowed: '`fast`, `exact`', description: 'how' },
      { setting: 'HOSTS', default: '`a:1,b:2`', allowed: 'comma-separated list', description: 'where' },
      { setting: 'FILE', default: '`data/seed/kb`', allowed: 'non-empty string', description: 'what' },
      { setting: 'LIMIT', default: 'unset', allowed: 'integer from 1 to 9', description: 'how many' },
      { setting: 'ID', default: 'the process id', allowed: 'string', description: 'who' },
    ]);
    expect(rows[0]!.readBy.split(', ')).toContain('categorizer');
  });

  it('gives a setting two schemas share one row naming both readers, and one each when they differ', () => {
    const Shared = z.object({ TRUSTED: z.string().default('').describe('shared') });
    const rows = settingRows([
      {
        name: 'A',
        schema: z.object({ ...Shared.shape, OWN: z.string().default('a').describe('a') }),
        readMarkers: ['loadConfig(IntakeConfig'],
      },
      {
        name: 'B',
        schema: z.object({ ...Shared.shape, OWN: z.string().default('b').describe('b') }),
        readMarkers: ['loadConfig(SlaWatchConfig'],
      },
    ]);
    expect(rows.map((r) => r.setting)).toEqual(['TRUSTED', 'OWN', 'OWN']);
    expect(rows[0]!.readBy.split(', ')).toEqual(expect.arrayContaining(['intake', 'sla-watch']));
    expect(rows[1]!.readBy.split(', ')).not.toContain('sla-watch');
  });

  it('replaces only what lies between the markers', () => {
    const readme = `# x\n${START}\nold\n${END}\nrest\n`;
    expect(withSettingsTable(readme, 'new')).toBe(`# x\n${START}\nnew\n${END}\nrest\n`);
    expect(() => withSettingsTable('# no markers', 'new')).toThrow(START);
  });
});
