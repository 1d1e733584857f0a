// `npm run docs:settings`: renders every setting from the zod schemas the processes parse their
// environment with into README.md's settings table. A test fails when the committed table is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSettingsTable, ROOT, withSettingsTable } from './config-docs/settings.ts';

const readme = join(ROOT, 'README.md');
await writeFile(readme, withSettingsTable(await readFile(readme, 'utf8'), renderSettingsTable()));
console.log('wrote the settings table to README.md');
