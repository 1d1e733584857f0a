import { setTimeout as sleep } from 'node:timers/promises';
import type { EventOf, Topic } from '@triage/contracts';
import type { Bus } from '@triage/bus';
import type { Component, Logger } from '@triage/runtime';
import type { OutboxRow, Store } from '@triage/store';

export interface RelayOptions {
  store: Store;
  bus: Bus;
  logger: Logger;
  batchSize: number;
  /** How long to wait after finding the outbox empty. */
  idleMs: number;
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
export const createOutboxRelay = (options: RelayOptions): Component => {
  let running = false;
  let loop: Promise<void> | undefined;

  const drainOnce = () =>
    options.store.outbox.drain(options.batchSize, async (rows) => {
      for (const [topic, events] of groupByTopic(rows)) await options.bus.publish(topic as Topic, events);
    });

  const run = async () => {
    while (running) {
      try {
        const sent = await drainOnce();
        if (sent === 0) await sleep(options.idleMs);
      } catch (err) {
        options.logger.warn('outbox relay failed; retrying', { err });
        await sleep(Math.max(options.idleMs, 500));
      }
    }
  };

  return {
    name: 'outbox-relay',
    async start() {
      running = true;
      loop = run();
    },
    async drain() {
      running = false;
      await loop;
      // Whatever was accepted before the listener closed still goes out before the bus closes.
      while ((await drainOnce()) > 0);
    },
  };
};
