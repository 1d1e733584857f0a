import { randomUUID } from 'node:crypto';
import type { EventOf, Topic } from '@triage/contracts';
import type { Bus } from '@triage/bus';
import { createLoadCache, type Component } from '@triage/runtime';

type Listener = (event: EventOf<Topic>) => void;

export interface Broadcaster extends Component {
  /**
   * Calls `listener` with each event of `topic` for `tenantId` published after the returned promise
   * resolves; resolves with the unsubscribe function. Rejects when the topic cannot be read.
   */
  listen(topic: Topic, tenantId: string, listener: Listener): Promise<() => void>;
}

/**
 * Fans events out to open HTTP streams. Each intake instance reads a topic with its own consumer
 * group, so every instance sees every event and serves the clients connected to it. A topic is
 * read from its first listener on, until the process stops: an instance that no client streams
 * from spends nothing on validating events for nobody (a routed event costs about 0.05 ms of CPU).
 */
export const createBroadcaster = (bus: Bus, instanceId: string): Broadcaster => {
  // Clients want what happens from now on, so every start is a new group at the topic's end: a
  // restarted instance that resumed its committed position would pass on what it missed as new.
  // Groups left behind expire with the broker's offsets retention (7 days by default).
  const run = randomUUID().slice(0, 8);
  const listeners = new Map<string, Set<Listener>>();
  let stopping = false;
  const slot = (topic: string, tenantId: string) => `${topic}\u0000${tenantId}`;
  // A failed start is not kept: the next listener tries again.
  const reading = createLoadCache((topic: Topic) =>
    bus.subscribe({
      topic,
      group: `intake-stream-${instanceId}-${run}-${topic}`,
      observer: true,
      startAt: 'latest',
      handler: async (batch) => {
        for (const { event } of batch) {
          for (const listener of listeners.get(slot(topic, event.tenantId)) ?? []) listener(event);
        }
        return [];
      },
    }),
  );

  return {
    name: 'broadcaster',
    async listen(topic, tenantId, listener) {
      if (stopping) throw new Error('intake is stopping');
      await reading.get(topic);
      // Stopping may have begun while the topic's reading started; it stops that reading too.
      if (stopping) throw new Error('intake is stopping');
      const key = slot(topic, tenantId);
      const set = listeners.get(key) ?? new Set();
      set.add(listener);
      listeners.set(key, set);
      return () => set.delete(listener);
    },
    async drain() {
      stopping = true;
      const started = await Promise.allSettled(reading.loads());
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    },
  };
};
