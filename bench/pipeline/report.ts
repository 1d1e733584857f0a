import { round, type Summary } from '../support/stats.ts';
import { printTable } from '../support/table.ts';
import type { CpuUse, PacedRun, SaturatedRun } from './load.ts';
import type { Throughput } from './throughput.ts';
import type { StageCpu } from './stage-cpu.ts';

/**
 * What the stages' compute allows on this machine. A stage's cost is its own CPU and the
 * PostgreSQL server CPU its queries take: both are the stage's work and share the same cores.
 * Kafka's transport is what the ceiling leaves out.
 */
export interface Ceiling {
  /** cores × 1000 / (CPU ms per ticket of every stage, PostgreSQL's included). */
  all: number;
  /** The same without intake's HTTP route: what a run starting at the relay can reach. */
  relayToRouted: number;
  /** relay to routed counting the stages' processes alone, as if PostgreSQL cost nothing. */
  relayToRoutedWithoutPostgres: number;
}

/** A run's throughput as a share of the relay-to-routed ceiling (the part a saturated run covers). */
export const shareOfCeiling = (run: Throughput, ceiling: Ceiling): number => run.perSecond / ceiling.relayToRouted;

const latency = (s: Summary) => ({ 'p50 ms': s.p50, 'p99 ms': s.p99, 'p99.9 ms': s.p999, 'mean ms': s.mean, 'max ms': s.max });
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

export const ceilingOf = (cpu: StageCpu[], cores: number): Ceiling => {
  const sum = (rows: StageCpu[], pick: (r: StageCpu) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const fromRelay = cpu.slice(1);
  return {
    all: Math.round((cores * 1000) / sum(cpu, (r) => r.cpuMs + r.postgresMs)),
    relayToRouted: Math.round((cores * 1000) / sum(fromRelay, (r) => r.cpuMs + r.postgresMs)),
    relayToRoutedWithoutPostgres: Math.round((cores * 1000) / sum(fromRelay, (r) => r.cpuMs)),
  };
};

/** The stages timed again just before `part`, against part a: how far their cost moved in between. */
export const printCeilingAgain = (part: string, stages: StageCpu[], ceiling: Ceiling, partAStages: StageCpu[], partA: Ceiling): void => {
  const categorizerMs = (rows: StageCpu[]) => rows.find((r) => r.stage === 'categorizer')?.cpuMs;
  console.log(
    `\nthe stages timed again just before the ${part} part: ceiling ${ceiling.all} tickets/s (relay → routed ${ceiling.relayToRouted}/s), ` +
      `${Math.round((100 * ceiling.all) / partA.all)}% of part a's; the categorizer ${categorizerMs(stages)} ms a ticket against ${categorizerMs(partAStages)}. ` +
      `The ${part} part is judged against this ceiling.`,
  );
};

export const printStageCpu = (cpu: StageCpu[], tickets: number, runs: number, cores: number, ceiling: Ceiling, cheapest: Ceiling): void => {
  const total = (pick: (r: StageCpu) => number) =>
    round(
      cpu.reduce((sum, r) => sum + pick(r), 0),
      2,
    );
  printTable(
    `a. CPU per ticket per stage: ${tickets} varied tickets through every stage in this process, batches of 100 (PostgreSQL client CPU included); each stage's median of ${runs} runs`,
    [
      ...cpu.map((r) => ({
        stage: r.stage,
        'CPU ms': r.cpuMs,
        'handler ms': r.handlerMs,
        'bus codec ms': r.handlerMs === undefined ? undefined : round(r.cpuMs - r.handlerMs, 3),
        'PostgreSQL server ms': r.postgresMs,
        'wall ms': r.wallMs,
        'event out, bytes': r.eventBytes,
      })),
      { stage: 'total', 'CPU ms': total((r) => r.cpuMs), 'PostgreSQL server ms': total((r) => r.postgresMs) },
    ],
  );
  const perTicket = round(
    total((r) => r.cpuMs + r.postgresMs),
    2,
  );
  console.log(`  compute ceiling: ${cores} cores × 1000 / ${perTicket} ms (stages and their PostgreSQL work) = ${ceiling.all} tickets/s`);
  console.log(
    `  from the relay to routed: ${ceiling.relayToRouted}/s; ${ceiling.relayToRoutedWithoutPostgres}/s if PostgreSQL cost nothing`,
  );
  console.log(`  from each stage's cheapest run instead: ${cheapest.all}/s; from the relay to routed ${cheapest.relayToRouted}/s`);
};

/** A saturated run's timed backlogs, the median of them, and the backlog that warmed the services. */
export interface WarmedRuns {
  run: SaturatedRun;
  timed: SaturatedRun[];
  coldStart: SaturatedRun;
}

export const printSaturated = (
  runs: WarmedRuns | undefined,
  raw: Throughput | undefined,
  ceiling: Ceiling | undefined,
  cheapest: Ceiling | undefined,
  target: number,
): void => {
  const run = runs?.run;
  const share = run && ceiling ? shareOfCeiling(run, ceiling) : undefined;
  const shareWithoutPostgres = run && ceiling ? run.perSecond / ceiling.relayToRoutedWithoutPostgres : undefined;
  printTable(
    `b. Saturated throughput: tickets preloaded into the outbox, on services a first backlog warmed; steady: tickets.routed reads per second between their 10th and 80th percentile; whole: first tickets.received → last tickets.routed read; the median of ${runs?.timed.length ?? '?'} backlogs is kept`,
    [
      ...(runs
        ? runs.timed.map((timed, i) => ({
            run: `pipeline, 5 service processes, backlog ${i + 1}${timed === run ? ' (kept)' : ''}`,
            tickets: timed.n,
            'tickets/s, steady': timed.perSecond,
            'whole /s': timed.wholePerSecond,
            seconds: timed.seconds,
            'of ceiling (relay→routed)': ceiling ? `${Math.round(100 * shareOfCeiling(timed, ceiling))}%` : undefined,
            'machine busy': `${timed.machineBusyPercent}%`,
            'duplicate routed': timed.duplicates,
          }))
        : [{ run: 'pipeline, 5 service processes: FAILED (above)' }]),
      ...(raw
        ? [
            {
              run: 'raw kafkajs pass-through, 5 processes, 1 KB',
              tickets: raw.n,
              'tickets/s, steady': raw.perSecond,
              'whole /s': raw.wholePerSecond,
              seconds: raw.seconds,
            },
          ]
        : []),
    ],
  );
  if (runs)
    console.log(
      `  on the freshly started services, the ${runs.coldStart.n} tickets that warmed them went at ${runs.coldStart.wholePerSecond}/s (whole)`,
    );
  if (run && raw) console.log(`  pipeline / raw pass-through: ${round(run.perSecond / raw.perSecond, 3)}`);
  if (shareWithoutPostgres !== undefined)
    console.log(`  of the ceiling that counts no PostgreSQL work: ${Math.round(100 * shareWithoutPostgres)}%`);
  if (run && cheapest) console.log(`  of the ceiling from each stage's cheapest run: ${Math.round(100 * shareOfCeiling(run, cheapest))}%`);
  if (share !== undefined) console.log(`  target ≥ ${target * 100}% of the ceiling: ${verdict(share >= target)}`);
  if (run) printCpuUse('   CPU ms per ticket during the kept backlog, by process', run);
};

const printCpuUse = (title: string, use: CpuUse): void => {
  printTable(
    `${title} (machine busy ${use.machineBusyPercent}%)`,
    Object.entries(use.cpuMsPerTicket).map(([process, ms]) => ({ process, 'CPU ms/ticket': ms })),
  );
  console.log(`  PostgreSQL transactions per ticket: ${use.postgresTransactionsPerTicket}`);
};

/** A rate the pipeline is paced at, and the end-to-end p99 it must keep there. */
export interface PacedRate {
  label: string;
  ratePerSecond: number;
  targetP99Ms: number;
}

export interface PacedResult extends PacedRate {
  run: PacedRun;
}

export const printPaced = (
  results: PacedResult[],
  seconds: number,
  coldStart: { seconds: number; run: PacedRun; allowanceMs: number },
  ceiling: Ceiling | undefined,
): void => {
  const share = (rate: number, of: number | undefined) => (of ? `${Math.round((100 * rate) / of)}%` : undefined);
  for (const { label, run } of results) {
    printTable(`c. Latency at ${label}: ${run.ratePerSecond} tickets/s for ${seconds} s (${run.tickets} tickets posted over HTTP)`, [
      { span: 'end to end: accepted → routed read', ...latency(run.endToEndMs) },
      ...Object.entries(run.hopMs).map(([stage, s]) => ({
        span: `  ${stage}`,
        ...latency(s),
        'handler ms/event': run.handlerMsPerEvent[stage],
        'events/call': run.eventsPerCall[stage],
      })),
      { span: '  routed sent → read (commit, fetch)', ...latency(run.deliveryMs) },
      { span: 'POST /v1/tickets, client side', ...latency(run.acceptMs) },
    ]);
    printCpuUse(`   CPU ms per ticket at ${label}, by process`, run);
  }
  const first = results[0];
  const coldLimit = first && first.run.endToEndMs.p99 + coldStart.allowanceMs;
  printTable(
    `c. End to end against the targets (the cold start: the first ${coldStart.seconds} s at ${coldStart.run.ratePerSecond} tickets/s on the fresh services)`,
    [
      ...(first && coldLimit !== undefined
        ? [
            {
              run: `cold start, ${coldStart.run.ratePerSecond} tickets/s`,
              ...latency(coldStart.run.endToEndMs),
              'target p99 ms': `≤ ${coldLimit} (steady + ${coldStart.allowanceMs})`,
              verdict: verdict(coldStart.run.endToEndMs.p99 <= coldLimit),
            },
          ]
        : []),
      ...results.map(({ label, run, targetP99Ms }) => ({
        run: `${label}, ${run.ratePerSecond} tickets/s`,
        ...latency(run.endToEndMs),
        'target p99 ms': `≤ ${targetP99Ms}`,
        verdict: verdict(run.endToEndMs.p99 <= targetP99Ms),
        'of ceiling (all)': share(run.ratePerSecond, ceiling?.all),
        'of ceiling (relay→routed)': share(run.ratePerSecond, ceiling?.relayToRouted),
        'machine busy': `${run.machineBusyPercent}%`,
      })),
    ],
  );
};

/** Above this share of its cores a stage counts as the bottleneck of a run. */
const BOTTLENECK_CORE_SHARE = 0.9;

/** How busy the instances of `service` kept their cores (one each) over a run (its CPU is metered over the whole backlog). */
const coreShare = (run: SaturatedRun, service: string, instances: number): number =>
  ((run.cpuMsPerTicket[service] ?? 0) * run.wholePerSecond) / (1000 * instances);

/**
 * One instance per service leaves the slowest stage a single core however many the machine has, so
 * the ceiling (which spreads all work over every core) is also compared with each scaled run.
 */
export const printScaling = (
  service: string,
  partitions: number,
  runs: { instances: number; run: SaturatedRun }[],
  ceiling: Ceiling | undefined,
  target: number,
): void => {
  printTable(
    `d. ${service} at 1 and 2 instances, each EMBEDDING_THREADS=1 UV_THREADPOOL_SIZE=1 pinned to core i; its input topic has ${partitions} partitions; each the median of its timed backlogs`,
    runs.map(({ instances, run }) => ({
      instances,
      'tickets/s, steady': run.perSecond,
      'whole /s': run.wholePerSecond,
      seconds: run.seconds,
      'of ceiling (relay→routed)': ceiling ? `${Math.round(100 * shareOfCeiling(run, ceiling))}%` : undefined,
      [`${service} CPU ms/ticket`]: run.cpuMsPerTicket[service],
      [`${service} busy, per core`]: `${Math.round(100 * coreShare(run, service, instances))}%`,
      'machine busy': `${run.machineBusyPercent}%`,
      'duplicate routed': run.duplicates,
    })),
  );
  if (runs.length === 2) console.log(`  1 → 2 instances: ×${round(runs[1]!.run.perSecond / runs[0]!.run.perSecond, 2)}`);
  const single = runs.find((r) => r.instances === 1);
  // A second instance can only help a stage that kept its one core busy; otherwise the rest of the machine was the limit.
  if (single && coreShare(single.run, service, 1) < BOTTLENECK_CORE_SHARE) {
    console.log(
      `  at 1 instance ${service} kept its core ${Math.round(100 * coreShare(single.run, service, 1))}% busy while the machine was ${single.run.machineBusyPercent}% busy: the other processes, not ${service}, were the limit`,
    );
  }
  const widest = runs.at(-1);
  if (ceiling && widest && widest.instances > 1) {
    console.log(
      `  target ≥ ${target * 100}% of the ceiling with ${service} at ${widest.instances} instances: ${verdict(shareOfCeiling(widest.run, ceiling) >= target)}`,
    );
  }
};
