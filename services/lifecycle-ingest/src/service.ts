import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import { createLifecycleWorker } from './worker.ts';

/** Lifecycle: what helpdesks report on `tickets.lifecycle`, applied to each ticket's timeline. */
export const composeLifecycle = async (deps: ServiceDeps): Promise<ServiceParts> => ({
  name: 'lifecycle',
  workers: [createLifecycleWorker(deps.store)],
});
