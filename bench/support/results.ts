import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadAverage, machineInfo } from './machine.ts';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * Starts the record of one bench run; `finish` writes `bench/results/<name>.json` with the machine
 * it ran on and the load before and after, since other processes on a small machine move the numbers.
 */
export const startRecord = (name: string) => {
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  return {
    async finish(results: unknown): Promise<string> {
      const file = `${RESULTS_DIR}${name}.json`;
      const record = {
        bench: name,
        date: startedAt.toISOString(),
        durationS: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
        machine: { ...machineInfo(), loadAverage1m: { start: loadAtStart, end: loadAverage() } },
        results,
      };
      await mkdir(RESULTS_DIR, { recursive: true });
      await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
      return file;
    },
  };
};
