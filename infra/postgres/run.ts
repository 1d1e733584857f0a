import { spawn, spawnSync } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command and rejects with its command line and exit status. */
export const run = (command: string, args: string[], options: RunOptions = {}): Promise<void> =>
  new Promise((resolve, reject) => {
    // The tools' stdout goes to our stderr so a CLI caller can capture just the URL from stdout.
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`\`${command} ${args.join(' ')}\` failed with ${signal ?? `exit code ${code}`}`)),
    );
  });

export const hasCommand = (name: string): boolean => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** Runs a command and returns its trimmed stdout, or null when it fails. */
export const output = (command: string, args: string[]): string | null => {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout.trim() : null;
};

/**
 * Installs Debian packages one install at a time within this process: `infra:up` sets up PostgreSQL's
 * headers and Request Tracker at the same time, and dpkg and debconf each allow one user. Waiting
 * for the dpkg lock also covers an install some other process is running.
 */
export const aptInstall = (packages: string[], debconfSelections: string[] = []): Promise<void> => {
  const next = aptQueue.then(() => installNow(packages, debconfSelections));
  aptQueue = next.catch(() => undefined);
  return next;
};

let aptQueue: Promise<void> = Promise.resolve();

const installNow = async (packages: string[], debconfSelections: string[]): Promise<void> => {
  if (debconfSelections.length) {
    const preseed = spawnSync('debconf-set-selections', { input: `${debconfSelections.join('\n')}\n`, encoding: 'utf8' });
    if (preseed.status !== 0) throw new Error(`debconf-set-selections failed: ${preseed.stderr}`);
  }
  const install = () =>
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...packages], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    await install();
  } catch {
    // Usually stale package lists on a long-lived machine.
    await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update']);
    await install();
  }
};
