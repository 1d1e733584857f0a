import { setTimeout as sleep } from 'node:timers/promises';
import type { EventOf, Topic } from '@triage/contracts';
import type { Bus } from '@triage/bus';
import type { Component, Logger } from '@triage/runtime';
import type { OutboxRow, Store } from '@triage/store';

export interface RelayOptions {
  store: Store;
  bus: Pick<Bus, 'publish'>;
  logger: Logger;
  batchSize: number;
  /**
   * How long to wait after finding the outbox empty, unless woken sooner: this process wakes the
   * relay as it stores events, so the wait only bounds how late rows other writers stored go out.
   */
  idleMs: number;
}

export interface OutboxRelay extends Component {
  /** Events were just stored: drain now rather than at the end of the idle wait. */
  wake(): void;
}

const groupByTopic = (rows: OutboxRow[]): Map<string, EventOf<Topic>[]> => {
  const groups = new Map<string, EventOf<Topic>[]>();
  for (const row of rows) {
    const list = groups.get(row.topic) ?? [];
    list.push(row.event as EventOf<Topic>);
    groups.set(row.topic, list);
  }
  return groups;
};

/**
 * Publishes stored events in the order they were written. A row is marked sent only after the
 * broker acknowledged it, so a crash re-publishes (same event id) rather than losing anything.
 */
export const createOutboxRelay = (options: RelayOptions): OutboxRelay => {
  let running = false;
  let loop: Promise<void> | undefined;
  // A wake during a drain must not be lost: the rows it announces may have missed that drain.
  let woken = false;
  let interrupt: AbortController | undefined;

  const idle = async (ms: number) => {
    if (woken) return;
    interrupt = new AbortController();
    await sleep(ms, undefined, { signal: interrupt.signal }).catch(() => undefined);
    interrupt = undefined;
  };

  const drainOnce = () =>
    options.store.outbox.drain(options.batchSize, async (rows) => {
      for (const [topic, events] of groupByTopic(rows)) await options.bus.publish(topic as Topic, events);
    });

  const run = async () => {
    while (running) {
      woken = false;
      try {
        // A batch that came back short emptied the outbox: rows this process stored since then woke
        // the relay (others' wait for the poll), so querying again before idling would only cost an
        // empty transaction per burst.
        const sent = await drainOnce();
        if (sent < options.batchSize) await idle(options.idleMs);
      } catch (err) {
        options.logger.warn('outbox relay failed; retrying', { err });
        await sleep(Math.max(options.idleMs, 500));
      }
    }
  };

  return {
    name: 'outbox-relay',
    wake() {
      woken = true;
      interrupt?.abort();
    },
    async start() {
      running = true;
      loop = run();
    },
    async drain() {
      running = false;
      interrupt?.abort();
      await loop;
      // Whatever was accepted before the listener closed still goes out before the bus closes.
      while ((await drainOnce()) > 0);
    },
  };
};
