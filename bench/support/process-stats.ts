import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU time in ms from a `/proc/.../stat` file; 0 once its process or thread is gone. */
const statCpuMs = (path: string): number => {
  try {
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
};

/** User + system CPU time of a process (all its threads) so far, in ms; 0 once it is gone. */
export const processCpuMs = (pid: number): number => statCpuMs(`/proc/${pid}/stat`);

/** CPU time so far, in ms, of each thread of a process whose name matches, by thread id. */
const threadsCpuMs = (pid: number, name: RegExp): Map<string, number> => {
  const byThread = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byThread;
  }
  for (const tid of tids) {
    try {
      if (name.test(readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim()))
        byThread.set(tid, statCpuMs(`/proc/${pid}/task/${tid}/stat`));
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return byThread;
};

/** Resident memory now and at its peak, in MiB. */
export const processMemoryMiB = (pid: number): { rss: number; peak: number } => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: Math.round(kib('VmRSS') / 1024), peak: Math.round(kib('VmHWM') / 1024) };
};

/**
 * CPU time between two moments of what `read` lists by key (a process or a thread): a key that
 * appears in between counts from zero, and a key missing from the second read counts nothing.
 */
const cpuBetween = <K>(read: () => Map<K, number> | Promise<Map<K, number>>) => {
  let before = new Map<K, number>();
  return {
    async start(): Promise<void> {
      before = await read();
    },
    async elapsedMs(): Promise<number> {
      let sum = 0;
      for (const [key, ms] of await read()) sum += ms - (before.get(key) ?? 0);
      return sum;
    },
  };
};

/** CPU time of a set of processes between two moments. */
export const cpuMeter = (pids: () => number[] | Promise<number[]>) =>
  cpuBetween(async () => new Map((await pids()).map((pid) => [pid, processCpuMs(pid)])));

/**
 * CPU time between two moments of the threads of a process whose name matches. Threads are told
 * apart by id, so one that ends in between (HotSpot retires idle compiler threads on larger
 * machines) drops out without taking its earlier CPU along.
 */
export const threadsCpuMeter = (pid: number, name: RegExp) => cpuBetween(() => threadsCpuMs(pid, name));

/** Busy and total CPU time of the whole machine (all cores) from /proc/stat, in ms. */
export const machineCpuMs = (): { busy: number; total: number } => {
  const values = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = values[3]! + (values[4] ?? 0);
  return { busy: ((total - idle) * 1000) / TICKS_PER_SECOND, total: (total * 1000) / TICKS_PER_SECOND };
};
