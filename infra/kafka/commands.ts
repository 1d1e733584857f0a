import { spawn, spawnSync } from 'node:child_process';

const installHints: Record<string, string> = {
  java: 'install a JDK 17 or newer (Debian: apt-get install openjdk-17-jre-headless)',
  mvn: 'install Maven 3 (Debian: apt-get install maven)',
};

/** Fails with an install hint when `command` is not on PATH, before any work starts. */
export const requireCommand = (command: 'java' | 'mvn'): void => {
  const probe = spawnSync(command, ['-version'], { stdio: 'ignore' });
  if (probe.error) throw new Error(`${command} was not found on PATH: ${installHints[command]}`);
};

/** Runs a command to completion; on failure the error carries its output (the JVM tools log to stdout). */
export const run = (command: string, args: string[], cwd: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4_000)}`)),
    );
  });
