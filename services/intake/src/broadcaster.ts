import { randomUUID } from 'node:crypto';
import type { EventOf, Topic } from '@triage/contracts';
import type { Bus } from '@triage/bus';
import type { Component } from '@triage/runtime';

type Listener = (event: EventOf<Topic>) => void;

export interface Broadcaster extends Component {
  /** Calls `listener` with each new event of `topic` for `tenantId`; returns the unsubscribe function. */
  listen(topic: Topic, tenantId: string, listener: Listener): () => void;
}

/**
 * Fans events of a few topics out to open HTTP streams. Each intake instance reads each topic with its own
 * consumer group, so every instance sees every event and serves the clients connected to it.
 */
export const createBroadcaster = (bus: Bus, topics: Topic[], instanceId: string): Broadcaster => {
  // Clients want what happens from now on, so every start is a new group at the topic's end: a
  // restarted instance that resumed its committed position would pass on what it missed as new.
  // Groups left behind expire with the broker's offsets retention (7 days by default).
  const run = randomUUID().slice(0, 8);
  const listeners = new Map<string, Set<Listener>>();
  const subscriptions: { stop(): Promise<void> }[] = [];
  const slot = (topic: string, tenantId: string) => `${topic}\u0000${tenantId}`;
  return {
    name: 'broadcaster',
    listen(topic, tenantId, listener) {
      const key = slot(topic, tenantId);
      const set = listeners.get(key) ?? new Set();
      set.add(listener);
      listeners.set(key, set);
      return () => set.delete(listener);
    },
    async start() {
      for (const topic of topics) {
        subscriptions.push(
          await bus.subscribe({
            topic,
            group: `intake-stream-${instanceId}-${run}-${topic}`,
            observer: true,
            startAt: 'latest',
            handler: async (batch) => {
              for (const { event } of batch) listeners.get(slot(topic, event.tenantId))?.forEach((l) => l(event));
              return [];
            },
          }),
        );
      }
    },
    async drain() {
      await Promise.all(subscriptions.map((s) => s.stop()));
    },
  };
};
