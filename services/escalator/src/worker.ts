import { traceparentFor } from '@triage/metrics';
import { createEvent, Topics, type Escalation, type EventOf } from '@triage/contracts';
import { createStageHandler, nameBasedUuid, type Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
import { assessTicket } from './assess.ts';
import { customerText } from './customer-text.ts';
import type { EscalationPolicy } from './policy.ts';
import type { SentimentAnalyzer } from './sentiment.ts';

export interface EscalatorDeps {
  store: Store;
  policy: EscalationPolicy;
  sentiment: SentimentAnalyzer;
  now?: () => Date;
}

/** tickets.retrieved → tickets.assessed: priority, tier, queue, SLA and the reasons for them. */
export const createEscalatorWorker = (deps: EscalatorDeps): Worker<typeof Topics.ticketsRetrieved> => ({
  name: 'escalator',
  topic: Topics.ticketsRetrieved,
  group: 'escalator',
  handler: createStageHandler<typeof Topics.ticketsRetrieved, Escalation>({
    stage: 'assess',
    store: deps.store,
    decide: (events) =>
      Promise.all(
        events.map(async ({ payload }) => {
          const sentiment = await deps.sentiment.analyze(customerText(payload.ticket));
          return assessTicket(payload, { policy: deps.policy, now: deps.now?.() ?? new Date(), sentiment });
        }),
      ),
    emit: (event: EventOf<typeof Topics.ticketsRetrieved>, escalation) => {
      const { ticket, categorization, retrieval } = event.payload;
      return [
        {
          topic: Topics.ticketsAssessed,
          event: createEvent(Topics.ticketsAssessed, {
            id: nameBasedUuid(`${ticket.id}:assess`),
            tenantId: event.tenantId,
            key: ticket.id,
            traceparent: traceparentFor(event),
            payload: { ticket, categorization, retrieval, escalation },
          }),
        },
      ];
    },
  }),
});
