import type { Bus } from '@triage/bus';
import type { Store } from '@triage/store';
import type { Component } from './lifecycle.ts';

/** The bus and the store, closed after every part that uses them has stopped: put it first in the start order. */
export const connectionsComponent = (bus: Bus, store: Store): Component => ({
  name: 'connections',
  close: async () => {
    await bus.close();
    await store.close();
  },
});

/**
 * A process's readiness: put last in the start order, it turns ready once every other part has
 * started (then calls `onReady`) and turns unready as soon as stopping begins, before any part drains.
 */
export const readinessGate = (onReady?: () => void): { isReady: () => boolean; component: Component } => {
  let ready = false;
  return {
    isReady: () => ready,
    component: {
      name: 'readiness',
      start: async () => {
        ready = true;
        onReady?.();
      },
      drain: async () => {
        ready = false;
      },
    },
  };
};
