// Lifecycle ingest over Kafka: how many helpdesk reports a second the lifecycle service applies
// from `tickets.lifecycle` to routed tickets' timelines (target ≥ 1,000/s on this 2-core machine),
// and what each report costs in CPU in the service, PostgreSQL and the broker.
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { createEvent, Topics } from '@triage/contracts';
import { createPgStore } from '@triage/store';
import { startService } from '../test/harness/service-process.ts';
import { type KeyedReport, reportStream, ticketsByTenant } from './lifecycle/reports.ts';
import { seedRoutedTickets } from './lifecycle/seed-tickets.ts';
import { createTopics } from './pipeline/topics.ts';
import { bringUpInfra } from './support/infra.ts';
import { cpuMeter, machineCpuMs } from './support/process-stats.ts';
import { startRecord } from './support/results.ts';
import { round } from './support/stats.ts';
import { printTable } from './support/table.ts';

const TENANTS = ['bench-a', 'bench-b'];
const REPORTS = Number(process.env.BENCH_LIFECYCLE_REPORTS ?? 20_000);
/** Applied first, untimed: the service's JIT and pool, and PostgreSQL's caches, warm as a deployed one is. */
const WARM_REPORTS = 2_000;
/** Messages per produce request: about 0.5 MB, under the broker's 1 MiB request limit. */
const SEND_BATCH = 1_000;
/** A run whose applied count has not moved for this long has stalled (a refused report is dead-lettered, never applied). */
const STALL_MS = 20_000;
/** Each poll counts the applied rows so far; often enough for the end of a 20 s+ run, rarely enough not to load the server. */
const POLL_MS = 200;

const infra = await bringUpInfra('lifecycle');
const record = startRecord('lifecycle');
const database = await infra.createDatabase();
const store = await createPgStore({ url: database.url, embeddingDim: 384 });
// As the database's owner, not the service's role: row-level security would show one tenant's rows at a time.
const BENCH_APP = 'bench-lifecycle';
const db = new pg.Pool({ connectionString: database.url, max: 2, application_name: BENCH_APP });
const admin = new pg.Client({ connectionString: infra.adminUrl });
await admin.connect();
const kafka = new Kafka({ clientId: 'bench-lifecycle', brokers: [infra.brokers], logLevel: logLevel.NOTHING });
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

/** The service's server processes in the database (not the bench's poller): PostgreSQL's share of the work. */
const postgresPids = async () =>
  (
    await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name <> $2', [
      database.name,
      BENCH_APP,
    ])
  ).rows.map((r) => r.pid);
const transactions = async () =>
  Number(
    (await admin.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [database.name]))
      .rows[0]!.n,
  );

/** Serialised before the clock starts: the bench measures the service, not its own zod and JSON. */
const messagesOf = (stream: readonly KeyedReport[]) =>
  stream.map(({ tenantId, ticketId, report }) => ({
    key: ticketId,
    value: JSON.stringify(createEvent(Topics.ticketsLifecycle, { tenantId, key: ticketId, payload: report })),
  }));

const publish = async (messages: { key: string; value: string }[]) => {
  const topic = `${infra.topicPrefix}${Topics.ticketsLifecycle}`;
  for (let i = 0; i < messages.length; i += SEND_BATCH)
    await producer.send({ topic, acks: -1, messages: messages.slice(i, i + SEND_BATCH) });
};

const appliedCount = async (prefix: string) =>
  Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM ticket_lifecycle WHERE report_id LIKE $1', [`${prefix}%`])).rows[0]!.n);

/** Polls until `expected` reports of `prefix`'s tickets are on their timelines; the moment it saw the last. */
const waitApplied = async (prefix: string, expected: number): Promise<number> => {
  let seen = -1;
  let movedAt = Date.now();
  for (;;) {
    const n = await appliedCount(prefix);
    if (n >= expected) return Date.now();
    if (n !== seen) [seen, movedAt] = [n, Date.now()];
    if (Date.now() - movedAt > STALL_MS) throw new Error(`stalled at ${n} of ${expected} reports applied (${prefix})`);
    await sleep(POLL_MS);
  }
};

/**
 * When each report was applied: `received_at` is its transaction's start, in PostgreSQL's clock
 * (this machine's), a few ms before it commits.
 */
const appliedTimes = async (prefix: string): Promise<number[]> =>
  (
    await db.query<{ t: string }>(
      'SELECT extract(epoch FROM received_at) * 1000 AS t FROM ticket_lifecycle WHERE report_id LIKE $1 ORDER BY received_at',
      [`${prefix}%`],
    )
  ).rows.map((r) => Number(r.t));

const seed = async (stream: KeyedReport[]) => {
  for (const [tenant, ids] of ticketsByTenant(stream)) await seedRoutedTickets(db, tenant, ids);
};

let service: Awaited<ReturnType<typeof startService>> | undefined;
try {
  for (const tenant of TENANTS) await store.tenants.ensure(tenant);
  await createTopics(infra.brokers, infra.topicPrefix);
  // Helpdesk time, not wall time: the timelines order by occurredAt, and nothing compares it with now.
  const start = new Date('2026-03-02T08:00:00Z');
  const warm = reportStream(TENANTS, 'warm-', WARM_REPORTS, start);
  const timed = reportStream(TENANTS, 'lc-', REPORTS, start);
  const seeding = performance.now();
  await seed(warm);
  await seed(timed);
  const ticketCount = [...ticketsByTenant(timed).values()].reduce((sum, ids) => sum + ids.length, 0);
  console.error(`[lifecycle] seeded the routed tickets in ${Math.round(performance.now() - seeding)} ms`);
  await db.query('ANALYZE');

  service = await startService('lifecycle-ingest', {
    KAFKA_BROKERS: infra.brokers,
    DATABASE_URL: database.url,
    KAFKA_TOPIC_PREFIX: infra.topicPrefix,
    EMBEDDER: 'hashed',
  });
  await producer.connect();
  await publish(messagesOf(warm));
  await waitApplied('warm-', warm.length);
  console.error(`[lifecycle] ${warm.length} warm-up reports applied; publishing ${timed.length}`);

  const messages = messagesOf(timed);
  const meters = {
    lifecycle: cpuMeter(() => [service!.child.pid!]),
    postgres: cpuMeter(postgresPids),
    ...(infra.kafkaPid ? { broker: cpuMeter(() => [infra.kafkaPid!]) } : {}),
    'this bench': cpuMeter(() => [process.pid]),
  };
  for (const meter of Object.values(meters)) await meter.start();
  const machineBefore = machineCpuMs();
  const transactionsBefore = await transactions();
  const sentAt = Date.now();
  await publish(messages);
  const publishedAt = Date.now();
  const doneAt = await waitApplied('lc-', timed.length);
  const machineAfter = machineCpuMs();
  const cpu = Object.fromEntries(
    await Promise.all(Object.entries(meters).map(async ([name, meter]) => [name, await meter.elapsedMs()] as const)),
  );
  const transactionsPerReport = round(((await transactions()) - transactionsBefore) / timed.length, 2);

  const times = await appliedTimes('lc-');
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  const rate = (count: number, ms: number) => Math.round((count * 1000) / ms);
  const rates = {
    reports: timed.length,
    tickets: ticketCount,
    tenants: TENANTS.length,
    'publish s': round((publishedAt - sentAt) / 1000, 2),
    'send → last applied s': round((doneAt - sentAt) / 1000, 2),
    'whole /s (send → last)': rate(timed.length, doneAt - sentAt),
    'first → last applied /s': rate(timed.length, times.at(-1)! - times[0]!),
    'steady p10 → p90 /s': rate(Math.round(0.8 * timed.length), at(90) - at(10)),
  };
  printTable('Lifecycle ingest (reports applied per second)', [rates]);
  const cpuRows = Object.entries(cpu).map(([process, ms]) => ({
    process,
    'CPU ms': Math.round(ms),
    'ms per report': round(ms / timed.length, 3),
  }));
  printTable('CPU over the timed run', cpuRows);
  const machineBusy = round((100 * (machineAfter.busy - machineBefore.busy)) / (machineAfter.total - machineBefore.total), 1);
  console.log(`machine busy ${machineBusy}%; PostgreSQL transactions per report ${transactionsPerReport}`);
  console.log(`target ≥ 1,000 reports/s: steady ${rates['steady p10 → p90 /s'] >= 1_000 ? 'met' : 'missed'}`);
  console.log(
    `written to ${await record.finish({
      ...rates,
      cpuMsPerReport: Object.fromEntries(cpuRows.map((r) => [r.process, r['ms per report']])),
      machineBusyPercent: machineBusy,
      postgresTransactionsPerReport: transactionsPerReport,
      warmUpReports: warm.length,
      sendBatch: SEND_BATCH,
    })}`,
  );
} finally {
  await service?.stop();
  await producer.disconnect();
  await admin.end();
  await db.end();
  await store.close();
  await infra.close();
}
