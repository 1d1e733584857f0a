// `npm run bench [-- <name>...]`: runs bench/<name>.bench.ts, every one or those named, one after
// another, each in its own process (a bench's memory or a crash never touches the next one). Each
// bench prints its tables and writes bench/results/<name>.json.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printTable } from '../bench/support/table.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SUFFIX = '.bench.ts';

const available = (await readdir(`${root}bench`))
  .filter((f) => f.endsWith(SUFFIX))
  .map((f) => f.slice(0, -SUFFIX.length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`no bench named ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

const runs: { bench: string; result: string; seconds: number; output: string }[] = [];
for (const bench of wanted.length > 0 ? wanted : available) {
  console.log(`\n=== ${bench} ===`);
  const startedAt = Date.now();
  const child = spawn(process.execPath, [`bench/${bench}${SUFFIX}`], { cwd: root, stdio: 'inherit' });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  const output = `bench/results/${bench}.json`;
  runs.push({
    bench,
    result: code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`,
    seconds: Math.round((Date.now() - startedAt) / 1000),
    // A bench that fails in one part still writes what it measured.
    output: (statSync(`${root}${output}`, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= startedAt ? output : '',
  });
}

printTable('Benches', runs);
if (runs.some((r) => r.result !== 'ok')) process.exitCode = 1;
