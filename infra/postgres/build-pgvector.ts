import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { aptInstall, hasCommand, output, run } from './run.ts';

export interface BuildOptions {
  /** PostgreSQL major version whose server headers and pg_config are used. */
  pgMajor: string;
  /** Scratch folder for the private apt lists and the pgvector sources. */
  workDir: string;
  log: (message: string) => void;
}

const PREREQUISITES = ['apt-get', 'dpkg-source', 'dpkg-query', 'make', 'gcc'];
const DEBIAN_KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';

/**
 * Builds pgvector from Debian trixie's source package and installs it into the machine's
 * PostgreSQL (bookworm ships no pgvector binary). Trixie is added only to a private apt source
 * list, so the machine's own package lists never see it.
 */
export const buildPgvector = async ({ pgMajor, workDir, log }: BuildOptions): Promise<void> => {
  assertPrerequisites();
  const sourceDir = await fetchSource(workDir, log);
  await installServerHeaders(pgMajor, log);
  const pgConfig = `/usr/lib/postgresql/${pgMajor}/bin/pg_config`;
  log(`building ${sourceDir}`);
  await run('make', [`-j${availableParallelism()}`, `PG_CONFIG=${pgConfig}`], { cwd: sourceDir });
  await run('make', ['install', `PG_CONFIG=${pgConfig}`], { cwd: sourceDir });
};

const assertPrerequisites = (): void => {
  if (process.getuid?.() !== 0) throw new Error('building pgvector installs packages and server files: run as root');
  const missing = PREREQUISITES.filter((name) => !hasCommand(name));
  if (missing.length) throw new Error(`building pgvector needs ${missing.join(', ')} (apt-get install build-essential dpkg-dev)`);
  if (!existsSync(DEBIAN_KEYRING)) throw new Error(`${DEBIAN_KEYRING} is missing (apt-get install debian-archive-keyring)`);
};

/** Downloads and unpacks the source package once; returns the unpacked folder. */
const fetchSource = async (workDir: string, log: (message: string) => void): Promise<string> => {
  const aptDir = join(workDir, 'apt');
  const listsDir = join(aptDir, 'lists');
  const srcDir = join(workDir, 'pgvector');
  mkdirSync(join(listsDir, 'partial'), { recursive: true });
  mkdirSync(join(aptDir, 'sources.list.d'), { recursive: true });
  mkdirSync(srcDir, { recursive: true });
  const sourceList = join(aptDir, 'sources.list');
  writeFileSync(sourceList, `deb-src [signed-by=${DEBIAN_KEYRING}] http://deb.debian.org/debian trixie main\n`);
  const aptOptions = [
    '-o',
    `Dir::Etc::SourceList=${sourceList}`,
    '-o',
    `Dir::Etc::SourceParts=${join(aptDir, 'sources.list.d')}`,
    '-o',
    `Dir::State::Lists=${listsDir}`,
    // The scratch folder belongs to root; apt's sandbox user could not write into it.
    '-o',
    'APT::Sandbox::User=root',
  ];

  if (!readdirSync(listsDir).some((name) => name.endsWith('_Sources') || name.includes('_Sources.'))) {
    log('fetching the trixie source index');
    await run('apt-get', [...aptOptions, 'update']);
  }
  if (!findDsc(srcDir)) {
    log('downloading the pgvector source package');
    await run('apt-get', [...aptOptions, 'source', '--download-only', 'pgvector'], { cwd: srcDir });
  }
  const dsc = findDsc(srcDir);
  if (!dsc) throw new Error(`apt-get source left no pgvector .dsc in ${srcDir}`);
  const upstreamVersion = dsc.replace(/^pgvector_/, '').replace(/(-[^-]+)?\.dsc$/, '');
  const unpacked = join(srcDir, `pgvector-${upstreamVersion}`);
  if (!existsSync(unpacked)) {
    const partial = `${unpacked}.partial`;
    rmSync(partial, { recursive: true, force: true });
    // apt-get already checked the files against the signed trixie index.
    await run('dpkg-source', ['--no-check', '-x', dsc, partial], { cwd: srcDir });
    renameSync(partial, unpacked);
  }
  return unpacked;
};

const findDsc = (dir: string): string | undefined => readdirSync(dir).find((name) => name.startsWith('pgvector_') && name.endsWith('.dsc'));

const installServerHeaders = async (pgMajor: string, log: (message: string) => void): Promise<void> => {
  const pkg = `postgresql-server-dev-${pgMajor}`;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${Status} is dpkg-query's own format field, not a JS placeholder
  if (output('dpkg-query', ['-W', '--showformat=${Status}', pkg]) === 'install ok installed') return;
  log(`installing ${pkg}`);
  await aptInstall([pkg]);
};
