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
