import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Another live process has the data folder open: PGlite is one process's database, and two would corrupt it. */
export class DataDirInUse extends Error {
  readonly dataDir: string;
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(`${dataDir} is open in another process (pid ${pid}); an embedded database serves one process at a time`);
    this.name = 'DataDirInUse';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

const LOCK_FILE = 'triage.pid';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Claims `dataDir` for this process with a file holding its pid; returns what gives it back. A file
 * left by a process that is gone (a crash) is taken over; so is one holding this process's own pid,
 * as a container restarted on the same volume gets the same pid.
 */
export const lockDataDir = async (dataDir: string): Promise<() => Promise<void>> => {
  const file = join(dataDir, LOCK_FILE);
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number(await readFile(file, 'utf8').catch(() => ''));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirInUse(dataDir, pid);
    await rm(file, { force: true });
  }
};
