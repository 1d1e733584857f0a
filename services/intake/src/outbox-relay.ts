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
   * relay as it stores events (after the linger), so the wait only bounds how late rows other
   * writers stored go out.
   */
  idleMs: number;
  /**
   * After a drain that published the last rows, the next one starts no sooner than this after it
   * began: events stored meanwhile leave together. The stages after the relay take what arrives
   * together in fewer handler calls, each of which costs a fetch, a transaction and a produce
   * request whatever it holds, so one wait here spares all of them work per ticket.
   */
  lingerMs: number;
}

export interface OutboxRelay extends Component {
  /** Events were just stored: drain once the linger is over rather than at the end of the idle wait. */
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
    round: async () => {
      const started = performance.now();
      const drained = await drainOnce();
      // A full batch leaves more behind: the next goes at once.
      if (drained >= options.batchSize) return undefined;
      // A short batch emptied the outbox; the next wake (or the poll) drains it again. Querying
      // again before that would only cost an empty transaction per burst. After publishing, the
      // linger is a pause that wakes do not end (stopping does: the final drains take the rest).
      if (drained === 0) return options.idleMs;
      return { pauseMs: started + options.lingerMs - performance.now(), idleMs: options.idleMs };
    },
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
