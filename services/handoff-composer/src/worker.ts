import { traceparentFor } from '@triage/metrics';
import { createEvent, Topics, type EventOf, type HandoffPacket } from '@triage/contracts';
import type { Outgoing } from '@triage/bus';
import { createStageHandler, nameBasedUuid, type Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import { composePacket } from './compose.ts';

export interface Summarizer {
  summarize(event: EventOf<typeof Topics.ticketsAssessed>['payload']): Promise<string>;
}

export interface HandoffDeps {
  store: Store;
  /** A hosted model's summary; without one the packet's local extractive summary is used. */
  summarizer?: Summarizer | undefined;
  now?: () => Date;
}

/** tickets.assessed → tickets.routed (and incidents.major): the packet the human who takes it reads. */
export const createHandoffWorker = (deps: HandoffDeps): Worker<typeof Topics.ticketsAssessed> => ({
  name: 'handoff-composer',
  topic: Topics.ticketsAssessed,
  group: 'handoff-composer',
  handler: createStageHandler<typeof Topics.ticketsAssessed, HandoffPacket>({
    stage: 'route',
    store: deps.store,
    decide: (events) =>
      Promise.all(
        events.map(async ({ payload }) => {
          const summary = await deps.summarizer?.summarize(payload);
          return composePacket(payload, { now: deps.now?.() ?? new Date(), ...(summary ? { summary } : {}) });
        }),
      ),
    emit: (event, packet) => {
      const { escalation } = event.payload;
      const routed = { ...event.payload, queue: escalation.queue, packet };
      const common = { tenantId: event.tenantId, key: event.key, traceparent: traceparentFor(event), payload: routed };
      const headers = { queue: escalation.queue, priority: escalation.priority };
      const out: Outgoing[] = [
        { topic: Topics.ticketsRouted, headers, event: createEvent(Topics.ticketsRouted, { ...common, id: nameBasedUuid(`${event.key}:route`) }) },
      ];
      if (escalation.majorIncident) {
        out.push({ topic: Topics.incidentsMajor, headers, event: createEvent(Topics.incidentsMajor, { ...common, id: nameBasedUuid(`${event.key}:major`) }) });
      }
      return out;
    },
  }),
});
