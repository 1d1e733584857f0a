import { Topics } from '@triage/contracts';
import type { Worker } from '@triage/runtime';
import type { ModelRegistry } from './registry.ts';
import { ESCALATION_MODEL } from './training.ts';

/** Reloads a tenant's escalation model when a new one is announced. Every instance keeps its own cache, so each hears every update. */
export const modelUpdatesWorker = (models: ModelRegistry, instanceId: string): Worker<typeof Topics.modelsUpdated> => ({
  name: 'escalator-model-updates',
  topic: Topics.modelsUpdated,
  group: `escalator-models-${instanceId}`,
  observer: true,
  handler: async (batch) => {
    for (const { event } of batch) if (event.payload.model === ESCALATION_MODEL) models.invalidate(event.tenantId);
    return [];
  },
});
