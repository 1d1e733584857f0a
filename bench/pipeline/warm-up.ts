import { variedTickets } from '../../test/harness/tickets.ts';
import { round } from '../support/stats.ts';
import { BROKER, BROKER_JIT, pace, type PacedRun, type PipelineTarget } from './load.ts';
import type { ServiceProcess } from '../../test/harness/service-process.ts';

const ROUND_SECONDS = 5;
/**
 * Three minutes at most. On the slowest host yet (MiniLM's median query 9.5 ms, where 50 tickets/s
 * is two thirds of the ceiling), a broker started six minutes before still gave its compilers
 * 28-68% of its CPU through twelve rounds, and the paced parts after them missed 33% of the ceiling
 * (391 ms), which the runs on the same broker warm met (201-221); a broker restarted just before
 * came below 10% in the 25th round.
 */
const MAX_ROUNDS = 36;
/** Below this share of the broker's CPU, its JIT compilers count as settled. */
const SETTLED_JIT_SHARE = 0.1;
/** Without the broker's process id (a broker this checkout did not start) its JIT cannot be read: a fixed warm-up. */
const ROUNDS_WITHOUT_PID = 6;

export interface BrokerWarmUp {
  rounds: number;
  /** Whether the compilers settled; false when the rounds ran out first, or the broker's process is unknown. */
  settled: boolean;
  /** The broker's JIT compilers' share of its CPU in each round, when its process is known. */
  jitShareByRound: number[];
}

const jitShare = (run: PacedRun): number | undefined => {
  const broker = run.cpuMsPerTicket[BROKER];
  const jit = run.cpuMsPerTicket[BROKER_JIT];
  return broker && jit !== undefined ? round(jit / broker, 2) : undefined;
};

/**
 * A freshly started broker keeps JIT-compiling its transaction paths for minutes: on a
 * bench run right after it started, its compilers took 40% of its CPU during the paced part
 * (6.5 of 16.8 ms per ticket) and doubled the p99. A deployed broker is long past that, so the
 * pipeline runs at `ratePerSecond` in rounds until the broker's compilers settle, and the parts
 * after it measure the steady state.
 */
export const warmBroker = async (target: PipelineTarget, intake: ServiceProcess, ratePerSecond: number): Promise<BrokerWarmUp> => {
  const jitShareByRound: number[] = [];
  let rounds = 0;
  while (rounds < MAX_ROUNDS) {
    rounds += 1;
    const share = jitShare(await pace(target, intake, await variedTickets(ratePerSecond * ROUND_SECONDS), ratePerSecond));
    if (share === undefined) {
      if (rounds >= ROUNDS_WITHOUT_PID) break;
      continue;
    }
    jitShareByRound.push(share);
    if (share < SETTLED_JIT_SHARE) return { rounds, settled: true, jitShareByRound };
  }
  return { rounds, settled: false, jitShareByRound };
};

export const printWarmUp = (warmUp: BrokerWarmUp, ratePerSecond: number): void => {
  const shares = warmUp.jitShareByRound.map((s) => `${Math.round(100 * s)}%`).join(' → ');
  const outcome = !shares
    ? ' (broker process unknown: fixed length)'
    : `; its JIT compilers' share of its CPU: ${shares}${warmUp.settled ? '' : ` (not below ${SETTLED_JIT_SHARE * 100}% yet: the parts below may see a broker still compiling)`}`;
  console.log(
    `broker warm-up: ${warmUp.rounds} round(s) of ${ROUND_SECONDS} s of tickets at ${ratePerSecond}/s through the pipeline${outcome}`,
  );
};
