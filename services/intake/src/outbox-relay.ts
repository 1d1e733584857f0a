import type { EventOf, Topic } from '@triage/contracts';
import type { Bus } from '@triage/bus';
import { type Component, type Logger, pollingLoop } from '@triage/runtime';
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
  const drainOnce = () =>
    options.store.outbox.drain(options.batchSize, async (rows) => {
      for (const [topic, events] of groupByTopic(rows)) await options.bus.publish(topic as Topic, events);
    });

  const loop = pollingLoop({
    name: 'outbox-relay',
    logger: options.logger,
    // A batch that came back short emptied the outbox: rows this process stored since then woke the
    // relay (others' wait for the poll), so querying again before idling would only cost an empty
    // transaction per burst.
    round: async () => ((await drainOnce()) < options.batchSize ? options.idleMs : undefined),
    failure: 'outbox relay failed; retrying',
    retryMs: Math.max(options.idleMs, 500),
  });

  return {
    ...loop,
    async drain() {
      await loop.drain();
      // Whatever was accepted before the listener closed still goes out before the bus closes.
      while ((await drainOnce()) > 0);
    },
  };
};
