import { setTimeout as sleep } from 'node:timers/promises';
import { Topics, type TicketSubmission } from '@triage/contracts';
import { acceptTicket } from '@triage/intake';
import type { Store } from '@triage/store';
import { startService, type ServiceProcess } from '../../test/harness/service-process.ts';
import { jsonPoster } from '../support/post-json.ts';
import { cpuMeter, machineCpuMs, threadsCpuMeter } from '../support/process-stats.ts';
import { round, summarize, type Summary } from '../support/stats.ts';
import { observe, Stalled, type Observer, type Seen } from './observer.ts';
import type { RunningWorker } from './services.ts';
import { stageDurations } from './stage-metrics.ts';
import { throughput, type Throughput } from './throughput.ts';
import { stageProgress } from './topics.ts';

/** The five topics a ticket crosses, in order, and what happens before each is written. */
const HOPS = [
  [Topics.ticketsReceived, 'outbox relay (accepted → tickets.received)'],
  [Topics.ticketsCategorized, 'categorizer'],
  [Topics.ticketsRetrieved, 'kb-retrieval'],
  [Topics.ticketsAssessed, 'escalator'],
  [Topics.ticketsRouted, 'handoff-composer'],
] as const;
const PRELOAD_CONCURRENCY = 20;
/** A run in which no ticket comes out for this long is stuck, not slow. */
const STALL_MS = 30_000;
/**
 * HotSpot's JIT compiler threads (a thread name is cut to 15 characters). A broker started shortly
 * before keeps compiling its transaction paths for minutes: this share of its CPU tells such a run
 * from one on a broker that has reached its steady state.
 */
const JIT_COMPILER_THREADS = /^C[12] CompilerThre/;
/** Names of the broker's rows in `CpuUse.cpuMsPerTicket`. */
export const BROKER = 'kafka broker';
export const BROKER_JIT = '  of which JIT compiling';

export interface PipelineTarget {
  env: Record<string, string>;
  brokers: string;
  prefix: string;
  store: Store;
  tenantId: string;
  apiKey: string;
  workers: RunningWorker[];
  /** The support-metrics projection, reading every stage's events while the pipeline runs. */
  insights: ServiceProcess;
  /** The bench database's server processes and its count of transactions so far. */
  postgres: { pids(): Promise<number[]>; transactions(): Promise<number> };
  kafkaPid: number | undefined;
}

export interface CpuUse {
  /** CPU per ticket over the run, by process (instances of one service summed). */
  cpuMsPerTicket: Record<string, number>;
  /** How busy all cores of the machine were over the run, other work on it included. */
  machineBusyPercent: number;
  /**
   * PostgreSQL transactions per ticket, every client of the database counted. Approximate: an idle
   * backend may hold up to its last second of counts for a while.
   */
  postgresTransactionsPerTicket: number;
}

export interface SaturatedRun extends Throughput, CpuUse {
  /** Routed events beyond one per ticket: 0 means no ticket was routed twice. */
  duplicates: number;
}

export interface PacedRun extends CpuUse {
  ratePerSecond: number;
  tickets: number;
  /** Accepted (`receivedAt`) to routed event read by a consumer. */
  endToEndMs: Summary;
  /** Each hop from the broker timestamps: the previous event's send to this event's send. */
  hopMs: Record<string, Summary>;
  /** The last hop: routed event sent to read by a consumer (transaction commit, fetch). */
  deliveryMs: Summary;
  /** Client-side `POST /v1/tickets` time. */
  acceptMs: Summary;
  /** Mean handler time per event, from each service's `triage_stage_duration_seconds`. */
  handlerMsPerEvent: Record<string, number>;
  /** Mean events per handler call, from each service's `triage_stage_batch_events`. */
  eventsPerCall: Record<string, number>;
  eventBytes: Record<string, number>;
}

const only = (seen: Seen[], keys: Set<string>) => seen.filter((s) => keys.has(s.key));
const firstByKey = (seen: Seen[]) => new Map([...seen].reverse().map((s) => [s.key, s]));

/** CPU of every service process, the database's server processes and the broker between `start` and `perTicket`. */
const cpuUse = (target: PipelineTarget, services: ServiceProcess[]) => {
  const meters = [
    ...[...new Set(services.map((s) => s.name))].map(
      (name) => [name, cpuMeter(() => services.filter((s) => s.name === name).map((s) => s.child.pid!))] as const,
    ),
    ['postgres', cpuMeter(() => target.postgres.pids())] as const,
    // Not the pipeline's work, but it shares the cores: the observer reading every routed event.
    ['this bench (load, observer)', cpuMeter(() => [process.pid])] as const,
    ...(target.kafkaPid
      ? ([
          [BROKER, cpuMeter(() => [target.kafkaPid!])],
          [BROKER_JIT, threadsCpuMeter(target.kafkaPid, JIT_COMPILER_THREADS)],
        ] as const)
      : []),
  ];
  let machineBefore = machineCpuMs();
  let transactionsBefore = 0;
  return {
    async start(): Promise<void> {
      machineBefore = machineCpuMs();
      transactionsBefore = await target.postgres.transactions();
      await Promise.all(meters.map(([, meter]) => meter.start()));
    },
    async perTicket(tickets: number): Promise<CpuUse> {
      const machineAfter = machineCpuMs();
      const cpuMsPerTicket: Record<string, number> = {};
      for (const [name, meter] of meters) cpuMsPerTicket[name] = round((await meter.elapsedMs()) / tickets, 2);
      return {
        cpuMsPerTicket,
        machineBusyPercent: Math.round((100 * (machineAfter.busy - machineBefore.busy)) / (machineAfter.total - machineBefore.total)),
        postgresTransactionsPerTicket: round(((await target.postgres.transactions()) - transactionsBefore) / tickets, 1),
      };
    },
  };
};

/** Waits until every ticket is routed; a stuck run fails naming how far each stage got. */
const untilRouted = async (target: PipelineTarget, observer: Observer, keys: Set<string>): Promise<void> => {
  try {
    await observer.waitForKeys(Topics.ticketsRouted, keys, STALL_MS);
  } catch (error) {
    if (!(error instanceof Stalled)) throw error;
    const progress = await stageProgress(target.brokers, target.prefix);
    throw new Error(
      `${error.message}: ${Object.entries(progress)
        .map(([stage, p]) => `${stage} ${p}`)
        .join('; ')}`,
    );
  }
};

export const startIntake = (target: PipelineTarget): Promise<ServiceProcess> =>
  startService('intake', {
    ...target.env,
    PORT: '0',
    // The load comes from one API key; its rate limit (50/s by default) is lifted so it is not what is measured.
    RATE_LIMIT_PER_SECOND: '100000',
    RATE_LIMIT_BURST: '100000',
    // Intake restarts for each backlog as a deployed instance restarts, under the same identity: its
    // consumer groups resume where they stopped instead of starting over under a new process id.
    INSTANCE_ID: 'bench-intake',
  });

/**
 * Saturated throughput: `tickets` are accepted into the outbox (ticket rows and events stored,
 * exactly as `POST /v1/tickets` stores them) before intake runs; then intake starts and its relay
 * publishes the backlog. Timed from the first `tickets.received` to the last `tickets.routed` read.
 * Returns intake still running.
 */
export const saturate = async (
  target: PipelineTarget,
  tickets: TicketSubmission[],
): Promise<{ run: SaturatedRun; intake: ServiceProcess }> => {
  const ids: string[] = [];
  for (let i = 0; i < tickets.length; i += PRELOAD_CONCURRENCY) {
    const accepted = await Promise.all(
      tickets.slice(i, i + PRELOAD_CONCURRENCY).map((t) => acceptTicket(target.store, target.tenantId, t)),
    );
    ids.push(...accepted.map((a) => a.id));
  }
  const keys = new Set(ids);
  const observer = await observe(target.brokers, target.prefix, [Topics.ticketsReceived, Topics.ticketsRouted]);
  let intake: ServiceProcess | undefined;
  try {
    intake = await startIntake(target);
    const cpu = cpuUse(target, [...target.workers, target.insights, intake]);
    while (only(observer.seen.get(Topics.ticketsReceived)!, keys).length === 0) await sleep(10);
    await cpu.start();
    await untilRouted(target, observer, keys);
    const used = await cpu.perTicket(keys.size);
    await sleep(1_000); // a duplicate would show up by now
    const routed = only(observer.seen.get(Topics.ticketsRouted)!, keys);
    const run: SaturatedRun = {
      ...throughput(only(observer.seen.get(Topics.ticketsReceived)!, keys), routed, keys),
      duplicates: routed.length - new Set(routed.map((s) => s.key)).size,
      ...used,
    };
    return { run, intake };
  } catch (error) {
    await intake?.kill();
    throw error;
  } finally {
    await observer.stop();
  }
};

/**
 * Latency at a steady rate: `tickets` posted to intake over HTTP at `ratePerSecond`, each one on
 * its own schedule (a slow answer never delays the next request), until every one is routed.
 */
export const pace = async (
  target: PipelineTarget,
  intake: ServiceProcess,
  tickets: TicketSubmission[],
  ratePerSecond: number,
): Promise<PacedRun> => {
  const url = `http://127.0.0.1:${intake.logs.find((l) => l.msg === 'listening')!.port}/v1/tickets`;
  // Only the routed topic is read while the tickets flow; the hops before it are read afterwards.
  const observer = await observe(
    target.brokers,
    target.prefix,
    [Topics.ticketsRouted],
    HOPS.flatMap(([topic]) => (topic === Topics.ticketsRouted ? [] : [topic])),
  );
  const poster = jsonPoster();
  try {
    const handlerTimes = await stageDurations(target.workers.map((w) => w.healthPort));
    const cpu = cpuUse(target, [...target.workers, target.insights, intake]);
    await cpu.start();
    const started = performance.now();
    const accepted = await Promise.all(
      tickets.map(async (ticket, i) => {
        await sleep(Math.max(0, started + (i * 1000) / ratePerSecond - performance.now()));
        const sent = performance.now();
        const res = await poster.post(url, ticket, { authorization: `Bearer ${target.apiKey}` }).catch((error: unknown) => {
          throw new Error(
            `POST /v1/tickets of ticket ${i + 1} of ${tickets.length}, ${Math.round(sent - started)} ms into the run at ${ratePerSecond}/s, failed`,
            {
              cause: error,
            },
          );
        });
        if (res.status !== 202) throw new Error(`POST /v1/tickets answered ${res.status}: ${res.text}`);
        const { id } = JSON.parse(res.text) as { id: string };
        return { id, ms: performance.now() - sent };
      }),
    );
    const keys = new Set(accepted.map((a) => a.id));
    await untilRouted(target, observer, keys);
    const used = await cpu.perTicket(keys.size);
    const { handlerMsPerEvent, eventsPerCall } = await handlerTimes();
    await observer.readAfterwards(keys, STALL_MS);

    const byTopic = new Map(HOPS.map(([topic]) => [topic, firstByKey(only(observer.seen.get(topic)!, keys))]));
    const routed = [...byTopic.get(Topics.ticketsRouted)!.values()];
    const hopMs: Record<string, Summary> = {};
    HOPS.forEach(([topic, stage], i) => {
      const previous = i === 0 ? undefined : byTopic.get(HOPS[i - 1]![0])!;
      hopMs[stage] = summarize(
        routed.flatMap(({ key, receivedAt }) => {
          const at = byTopic.get(topic)!.get(key)?.sentAt;
          const from = previous ? previous.get(key)?.sentAt : receivedAt;
          return at === undefined || from === undefined ? [] : [at - from];
        }),
      );
    });
    return {
      ratePerSecond,
      tickets: keys.size,
      endToEndMs: summarize(routed.map((r) => r.consumedAt - r.receivedAt!)),
      hopMs,
      deliveryMs: summarize(routed.map((r) => r.consumedAt - r.sentAt)),
      acceptMs: summarize(accepted.map((a) => a.ms)),
      handlerMsPerEvent,
      eventsPerCall,
      ...used,
      eventBytes: Object.fromEntries(
        HOPS.map(([topic]) => {
          const seen = [...byTopic.get(topic)!.values()];
          return [topic, Math.round(seen.reduce((sum, s) => sum + s.bytes, 0) / seen.length)];
        }),
      ),
    };
  } finally {
    poster.close();
    await observer.stop();
  }
};
