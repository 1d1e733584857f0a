import { type Component, type Logger, pollingLoop } from '@triage/runtime';
import type { Store } from '@triage/store';
import { Counter, type Registry } from 'prom-client';
import { fire } from './deadlines.ts';
import { escalationEvent } from './escalation-event.ts';
import type { SlaPolicy } from './policy.ts';

export interface SlaWatchOptions {
  store: Store;
  policy: SlaPolicy;
  logger: Logger;
  registry: Registry;
  batchSize: number;
  /** Longest wait between two scans: deadlines another instance opened are seen within it. */
  scanIntervalMs: number;
  now: () => Date;
}

export interface SlaWatch extends Component {
  /** Fires every deadline due at `now`, a batch per transaction; returns how many fired. */
  scan(now: Date): Promise<number>;
}

/**
 * The watch: finds the deadlines whose moment has come and sends their escalations. Each batch is
 * one transaction that locks its rows (SKIP LOCKED: instances never wait on each other, nor take
 * the same row), advances them and writes their events to the outbox; it commits all of that or
 * none, so across crashes and instances each step of each deadline is sent once.
 */
export const createSlaWatch = (options: SlaWatchOptions): SlaWatch => {
  const escalations = new Counter({
    name: 'triage_sla_escalations_total',
    help: 'SLA escalations sent (at risk, breached), by deadline.',
    labelNames: ['reason', 'deadline'],
    registers: [options.registry],
  });

  const fireBatch = async (now: Date) => {
    let fired: ReturnType<typeof fire>[] = [];
    const due = await options.store.slaDeadlines.fireDue(now.toISOString(), options.batchSize, (rows) => {
      fired = rows.map((deadline) => fire(deadline, now, options.policy));
      return {
        deadlines: fired.map((f) => f.deadline),
        events: fired.flatMap((f) =>
          f.escalation ? [escalationEvent(f.deadline, f.escalation.reason, f.escalation.minutesLeft, now)] : [],
        ),
      };
    });
    // Counted once committed: a batch rolled back sent nothing.
    for (const { deadline, escalation } of fired) if (escalation) escalations.inc({ reason: escalation.reason, deadline: deadline.kind });
    return due;
  };

  // A full batch may have left more behind it.
  const scan = async (now: Date) => {
    let total = 0;
    let fired: number;
    do {
      fired = await fireBatch(now);
      total += fired;
    } while (fired === options.batchSize);
    return total;
  };

  // Until the next known deadline, or the scan interval when that comes first or none is pending.
  const untilNextScan = async () => {
    const next = await options.store.slaDeadlines.nextFireAt();
    const untilNext = next === null ? Number.POSITIVE_INFINITY : Date.parse(next) - options.now().getTime();
    return Math.max(0, Math.min(untilNext, options.scanIntervalMs));
  };

  return {
    ...pollingLoop({
      name: 'sla-watch',
      logger: options.logger,
      round: async () => {
        await scan(options.now());
        return untilNextScan();
      },
      failure: 'SLA scan failed; retrying',
      retryMs: options.scanIntervalMs,
    }),
    scan,
  };
};
