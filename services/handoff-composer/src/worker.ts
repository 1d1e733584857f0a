import { Topics, type EventOf, type HandoffPacket } from '@triage/contracts';
import { createStageWorker, followUp, type Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import { composePacket } from './compose.ts';
import { type IncidentOptions, joinIncident } from './incident.ts';
import { findRelated, type RelatedOptions } from './related.ts';

export interface Summarizer {
  summarize(event: EventOf<typeof Topics.ticketsAssessed>['payload']): Promise<string>;
}

export interface HandoffDeps {
  store: Store;
  /** A hosted model's summary; without one the packet's local extractive summary is used. */
  summarizer?: Summarizer | undefined;
  now?: () => Date;
  /** Related tickets and known resolution on each packet; off when undefined. */
  related?: RelatedOptions | undefined;
  /** One major incident per outage; off when undefined. */
  incidents?: IncidentOptions | undefined;
}

/** tickets.assessed → tickets.routed (and incidents.major): the packet the human who takes it reads. */
export const createHandoffWorker = (deps: HandoffDeps): Worker<typeof Topics.ticketsAssessed> =>
  createStageWorker<typeof Topics.ticketsAssessed, HandoffPacket>('handoff-composer', Topics.ticketsAssessed, {
    stage: 'route',
    store: deps.store,
    // Helpdesks read tickets.routed and incidents.major: each ticket once.
    readers: 'outside',
    decide: (events) => {
      // One time for the batch: its related-ticket lookups then go to the store as one statement.
      const now = deps.now?.() ?? new Date();
      return Promise.all(
        events.map(async ({ tenantId, key, payload }) => {
          const [summary, related, incident] = await Promise.all([
            deps.summarizer?.summarize(payload),
            deps.related && findRelated(deps.store, tenantId, key, deps.related, now),
            payload.escalation.majorIncident && deps.incidents ? joinIncident(deps.store, tenantId, payload, deps.incidents) : undefined,
          ]);
          return {
            ...composePacket(payload, { now, ...(summary ? { summary } : {}) }),
            ...related,
            ...(incident ? { incident } : {}),
          };
        }),
      );
    },
    emit: (event, packet) => {
      // The text analysis ends here: helpdesks get the packet built from it.
      const { ticket, categorization, retrieval, escalation } = event.payload;
      const routed = { ticket, categorization, retrieval, escalation, queue: escalation.queue, packet };
      // Helpdesks route on headers without parsing the event.
      const headers = { queue: escalation.queue, priority: escalation.priority };
      return [
        followUp(Topics.ticketsRouted, event, 'route', routed, headers),
        ...(escalation.majorIncident ? [followUp(Topics.incidentsMajor, event, 'major', routed, headers)] : []),
      ];
    },
  });
