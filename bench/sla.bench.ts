// The SLA watch against the number of open deadlines: what finding the due ones costs with 10,000
// and with 1,000,000 open in PostgreSQL (it must not grow: the ratio should stay near 1), and how
// long after a deadline's at-risk moment its event is in the outbox (target p99 ≤ 2 s).
import { setTimeout as sleep } from 'node:timers/promises';
import { SlaCalendars } from '@triage/business-time';
import { createLogger } from '@triage/runtime';
import { createSlaWatch, type SlaWatch } from '@triage/sla-watch';
import { createPgStore, type Store } from '@triage/store';
import { Registry } from 'prom-client';
import { seedDeadlines } from './sla/seed-deadlines.ts';
import { bringUpInfra } from './support/infra.ts';
import { startRecord } from './support/results.ts';
import { round, summarize, type Summary } from './support/stats.ts';
import { printTable } from './support/table.ts';

const TENANT = 'bench';
const SIZES = [10_000, 1_000_000];
const IDLE_SCANS = 300;
const DUE_ROUNDS = 50;
const DUE_PER_ROUND = 100;
/** Deadlines turning at risk while the watch runs: 100 a second for 10 seconds. */
const TIMED = 1_000;
const TIMED_PER_SECOND = 100;
const BATCH = 500;
const SCAN_INTERVAL_MS = 500;

const logger = createLogger({ service: 'bench-sla', level: 'warn' });
const policy = { calendars: SlaCalendars.parse({}), atRiskShare: 0.75, windowScale: 1 };
const newWatch = (store: Store) =>
  createSlaWatch({
    store,
    policy,
    logger,
    registry: new Registry(),
    batchSize: BATCH,
    scanIntervalMs: SCAN_INTERVAL_MS,
    now: () => new Date(),
  });

const timeMs = async (fn: () => Promise<unknown>) => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};

/** The plan PostgreSQL picks for the watch's search, first line: it should be the partial index. */
const scanPlan = async (store: Store) => {
  const { rows } = await store.sql.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT * FROM sla_deadlines WHERE next_fire_at <= now() ORDER BY next_fire_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
  );
  return rows.map((r) => r['QUERY PLAN'].trim()).find((line) => line.includes('Scan')) ?? '';
};

/** Scans with nothing due (the watch's usual look), then scans that each find and fire 100 due deadlines. */
const scanCost = async (store: Store, watch: SlaWatch, size: number) => {
  const idle: number[] = [];
  for (let i = 0; i < IDLE_SCANS; i++) idle.push(await timeMs(() => watch.scan(new Date())));
  const nextLookup: number[] = [];
  for (let i = 0; i < IDLE_SCANS; i++) nextLookup.push(await timeMs(() => store.slaDeadlines.nextFireAt()));
  const due: number[] = [];
  for (let round = 0; round < DUE_ROUNDS; round++) {
    const from = round * DUE_PER_ROUND;
    await seedDeadlines(store.sql, new Date(Date.now() - 1_000), {
      tenantId: TENANT,
      prefix: `due-${size}-`,
      from,
      to: from + DUE_PER_ROUND - 1,
      atRiskAt: '$2::timestamptz',
    });
    let fired = 0;
    due.push(await timeMs(async () => (fired = await watch.scan(new Date()))));
    if (fired !== DUE_PER_ROUND) throw new Error(`a scan fired ${fired} of ${DUE_PER_ROUND} due deadlines`);
  }
  return { idle: summarize(idle), nextLookup: summarize(nextLookup), due: summarize(due) };
};

/**
 * The running watch, as deployed: deadlines turn at risk 100 a second while it runs, and a poller
 * notes when each one's event is first visible in the outbox (committed), every 20 ms.
 */
const eventDelay = async (store: Store, size: number): Promise<Summary> => {
  const { rows: last } = await store.sql.query<{ id: string | null }>('SELECT max(id) AS id FROM outbox');
  let after = Number(last[0]?.id ?? 0);
  const base = new Date(Date.now() + 1_000);
  await seedDeadlines(store.sql, base, {
    tenantId: TENANT,
    prefix: `timed-${size}-`,
    from: 0,
    to: TIMED - 1,
    atRiskAt: `$2::timestamptz + i * interval '${1_000 / TIMED_PER_SECOND} milliseconds'`,
  });
  const watch = newWatch(store);
  await watch.start?.();
  const delays: number[] = [];
  const stopAt = Date.now() + 1_000 + (TIMED / TIMED_PER_SECOND) * 1_000 + 10_000;
  try {
    while (delays.length < TIMED && Date.now() < stopAt) {
      const { rows } = await store.sql.query<{ id: string; ticket: string }>(
        `SELECT id, event ->> 'key' AS ticket FROM outbox WHERE id > $1 ORDER BY id`,
        [after],
      );
      const seenAt = Date.now();
      for (const row of rows) {
        after = Number(row.id);
        const n = Number(row.ticket.slice(`timed-${size}-`.length));
        delays.push(seenAt - (base.getTime() + n * (1_000 / TIMED_PER_SECOND)));
      }
      await sleep(20);
    }
  } finally {
    await watch.drain?.();
  }
  if (delays.length < TIMED) throw new Error(`only ${delays.length} of ${TIMED} at-risk events were sent`);
  return summarize(delays);
};

const infra = await bringUpInfra('sla');
const record = startRecord('sla');
const { url } = await infra.createDatabase();
const store = await createPgStore({ url, embeddingDim: 8, poolSize: 4 });
const results: Record<string, unknown>[] = [];
try {
  await store.tenants.ensure(TENANT);
  const watch = newWatch(store);
  // The first size measured would otherwise pay for the JIT and a cold pool, and the ratio with it.
  await scanCost(store, watch, 0);
  let open = 0;
  for (const size of SIZES) {
    // Open deadlines spread over the coming day: none due while the bench runs.
    const seeded = await timeMs(() =>
      seedDeadlines(store.sql, new Date(Date.now() + 3_600_000), {
        tenantId: TENANT,
        prefix: 'open-',
        from: open,
        to: size - 1,
        atRiskAt: `$2::timestamptz + (i % 86400) * interval '1 second'`,
      }),
    );
    open = size;
    await store.sql.query('ANALYZE sla_deadlines');
    console.error(`[sla] ${size} open deadlines (seeded in ${Math.round(seeded)} ms); scanning`);
    const cost = await scanCost(store, watch, size);
    const delay = await eventDelay(store, size);
    results.push({ open: size, seedMs: Math.round(seeded), plan: await scanPlan(store), ...cost, atRiskDelay: delay });
  }
  const [small, large] = results as { idle: Summary; due: Summary; nextLookup: Summary }[];
  printTable(
    'Finding what is due (ms per scan)',
    results.map((r) => {
      const { idle, due, nextLookup, atRiskDelay } = r as { idle: Summary; due: Summary; nextLookup: Summary; atRiskDelay: Summary };
      return {
        open: r.open as number,
        'idle p50': idle.p50,
        'idle p99': idle.p99,
        'next p50': nextLookup.p50,
        '100 due p50': due.p50,
        '100 due p99': due.p99,
        'delay p50': atRiskDelay.p50,
        'delay p99': atRiskDelay.p99,
      };
    }),
  );
  const ratios = {
    idleP50: round(large!.idle.p50 / small!.idle.p50),
    nextLookupP50: round(large!.nextLookup.p50 / small!.nextLookup.p50),
    dueP50: round(large!.due.p50 / small!.due.p50),
  };
  printTable('1,000,000 / 10,000 open', [ratios]);
  console.log(`plan: ${(results[1] as { plan: string }).plan}`);
  console.log(`written to ${await record.finish({ sizes: results, ratios })}`);
} finally {
  await store.close();
  await infra.close();
}
