import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { requireCommand, run } from './commands.ts';

const pom = fileURLToPath(new URL('./pom.xml', import.meta.url));

/** Written last, so a fetch that died half way is redone instead of starting a broker with missing jars. */
const COMPLETE = '.complete';

/** Copies the broker's runtime jars (see pom.xml) into `libsDir` with Maven, unless already there. */
export const fetchKafkaJars = async (libsDir: string): Promise<boolean> => {
  if (existsSync(join(libsDir, COMPLETE))) return false;
  requireCommand('mvn');
  await rm(libsDir, { recursive: true, force: true });
  await run(
    'mvn',
    ['--batch-mode', '--quiet', '-f', pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libsDir}`],
    process.cwd(),
  );
  await writeFile(join(libsDir, COMPLETE), `${new Date().toISOString()}\n`);
  return true;
};
