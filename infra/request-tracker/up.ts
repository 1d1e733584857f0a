import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withLock } from '../kafka/lock.ts';
import { isRunning, readPid, spawnDetached } from '../kafka/process.ts';
import { configureRequestTracker, installRequestTracker, isInstalled } from './install.ts';
import { RT_PASSWORD, RT_PORT, RT_SERVER, RT_URL, RT_USER, type RequestTracker } from './settings.ts';

const HOME = join(import.meta.dirname, '..', '..', '.infra', 'request-tracker');
const PID_FILE = join(HOME, 'rt-server.pid');
const LOG_FILE = join(HOME, 'rt-server.log');
const READY_TIMEOUT_MS = 60_000;
// Each worker is a Perl process of about 100 MB; SQLite serialises writes anyway.
const WORKERS = 4;

const authorization = `Basic ${Buffer.from(`${RT_USER}:${RT_PASSWORD}`).toString('base64')}`;

/** True when RT's REST 2 API answers our admin (`/REST/2.0/` itself is a 404). */
const answers = async (): Promise<boolean> => {
  try {
    const response = await fetch(`${RT_URL}/REST/2.0/rt`, { headers: { authorization }, signal: AbortSignal.timeout(5_000) });
    return response.ok;
  } catch {
    return false;
  }
};

/**
 * Makes sure Request Tracker 5 serves REST 2 on 127.0.0.1: installed from Debian's packages once
 * (SQLite database, known root password), then its standalone server started detached as www-data,
 * outliving this process so the next call is one request.
 */
export const ensureRequestTracker = async ({ log = () => {} }: { log?: (message: string) => void } = {}): Promise<RequestTracker> => {
  const rt = { url: RT_URL, user: RT_USER, password: RT_PASSWORD };
  if (await answers()) return rt;
  mkdirSync(HOME, { recursive: true });
  return withLock(join(HOME, 'lock'), 300_000, async () => {
    if (await answers()) return rt;
    if (!isInstalled()) await installRequestTracker(log);
    configureRequestTracker();
    const previous = await readPid(PID_FILE);
    if (previous && isRunning(previous, 'rt-server')) process.kill(previous, 'SIGTERM');
    log(`starting rt-server on port ${RT_PORT}`);
    const pid = spawnDetached(
      'runuser',
      ['-u', 'www-data', '--', RT_SERVER, '--host', '127.0.0.1', '--port', String(RT_PORT), '--max-workers', String(WORKERS)],
      '/',
      LOG_FILE,
    );
    await writeFile(PID_FILE, String(pid));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await answers())) {
      if (!isRunning(pid, 'rt-server')) throw new Error(`rt-server exited while starting: see ${LOG_FILE}`);
      if (Date.now() > deadline) throw new Error(`rt-server did not answer on ${RT_URL} within ${READY_TIMEOUT_MS} ms: see ${LOG_FILE}`);
      await sleep(250);
    }
    return rt;
  });
};

if (import.meta.main) {
  const started = performance.now();
  const rt = await ensureRequestTracker({ log: (line) => console.error(`[request-tracker] ${line}`) });
  console.error(`[request-tracker] ready in ${Math.round(performance.now() - started)} ms`);
  console.log(rt.url);
}
