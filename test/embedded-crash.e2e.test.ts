// `npm start`'s process killed with SIGKILL while tickets are mid-pipeline, then started again on the
// same data folder: every ticket the API accepted is routed, and none twice.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics } from '@triage/contracts';
import { createPgliteStore } from '@triage/store';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { variedTickets } from './harness/tickets.ts';
import { waitFor } from './harness/wait.ts';

const API_KEY = 'demo-api-key';
const TICKETS = 200;
/** Requests in flight at once while posting: enough to outpace the pipeline. */
const CONCURRENCY = 25;

const auth = { authorization: `Bearer ${API_KEY}` };
const folders: string[] = [];
let running: ServiceProcess | undefined;

afterAll(async () => {
  await running?.kill();
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

const tempFolder = async (name: string) => {
  const dir = await mkdtemp(join(tmpdir(), name));
  folders.push(dir);
  return dir;
};

const start = async (dataDir: string) => {
  running = await startService('embedded', { PORT: '0', DATA_DIR: dataDir, EMBEDDER: 'hashed' }, 120_000);
  return String(running.logs.find((l) => l.msg === 'started')!.url);
};

const post = async (url: string, submissions: unknown[]): Promise<string[]> => {
  const ids: string[] = [];
  for (let from = 0; from < submissions.length; from += CONCURRENCY) {
    const posted = await Promise.all(
      submissions.slice(from, from + CONCURRENCY).map(async (submission, i) => {
        const response = await fetch(`${url}/v1/tickets`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `crash-test-${from + i}` },
          body: JSON.stringify(submission),
        });
        expect(response.status).toBe(202);
        return ((await response.json()) as { id: string }).id;
      }),
    );
    ids.push(...posted);
  }
  return ids;
};

/**
 * The ids of this tenant's routed tickets, read from the paged listing: one or two requests a poll, where
 * asking for each ticket would spend the key's rate limit (the restart then saw 429s, not tickets).
 */
const routedIds = async (url: string): Promise<Set<string>> => {
  const routed = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await fetch(`${url}/v1/tickets?status=routed&limit=200${query}`, { headers: auth });
    if (response.status !== 200) throw new Error(`listing tickets: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { tickets: { id: string }[]; nextCursor: string | null };
    for (const ticket of page.tickets) routed.add(ticket.id);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return routed;
};

/** How many `tickets.routed` messages the bus journal in `dataDir` holds for each ticket id. */
const routedPerTicket = async (dataDir: string): Promise<Map<string, number>> => {
  const store = await createPgliteStore({ dataDir, embeddingDim: 384 });
  try {
    const { rows } = await store.sql.query<{ key: string; n: number }>(
      'SELECT key, count(*)::int AS n FROM bus_messages WHERE topic = $1 GROUP BY key',
      [Topics.ticketsRouted],
    );
    return new Map(rows.map((r) => [r.key, r.n]));
  } finally {
    await store.close();
  }
};

describe('the embedded default, killed mid-pipeline', () => {
  it('routes every accepted ticket exactly once after a restart on the same data folder', async () => {
    const dataDir = await tempFolder('triage-crash-');
    const ids = await post(await start(dataDir), await variedTickets(TICKETS));
    await running!.kill();
    expect(new Set(ids).size).toBe(TICKETS);

    // What the killed process left on disk, read from a copy so the restart recovers the original itself.
    const snapshot = await tempFolder('triage-crash-snapshot-');
    await cp(dataDir, snapshot, { recursive: true });
    const routedAtKill = [...(await routedPerTicket(snapshot)).values()].reduce((a, b) => a + b, 0);
    expect(routedAtKill).toBeLessThan(TICKETS);

    const url = await start(dataDir);
    let routed = 0;
    await waitFor(
      async () => {
        const listed = await routedIds(url);
        routed = ids.filter((id) => listed.has(id)).length;
        return routed === TICKETS;
      },
      120_000,
      () => `${routed} of ${TICKETS} routed (${routedAtKill} before the kill)`,
    );
    expect(await running!.stop()).toBe(0);

    const perTicket = await routedPerTicket(dataDir);
    expect([...perTicket.keys()].sort()).toEqual([...ids].sort());
    expect([...perTicket.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  }, 300_000);
});
