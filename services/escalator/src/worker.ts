import { Topics, type Escalation } from '@triage/contracts';
import { createStageWorker, followUp, type Worker } from '@triage/runtime';
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
export const createEscalatorWorker = (deps: EscalatorDeps): Worker<typeof Topics.ticketsRetrieved> =>
  createStageWorker<typeof Topics.ticketsRetrieved, Escalation>('escalator', Topics.ticketsRetrieved, {
    stage: 'assess',
    store: deps.store,
    readers: 'next-stage',
    decide: (events) =>
      Promise.all(
        events.map(async ({ payload }) => {
          const sentiment = await deps.sentiment.analyze(customerText(payload.ticket));
          return assessTicket(payload, { policy: deps.policy, now: deps.now?.() ?? new Date(), sentiment });
        }),
      ),
    emit: (event, escalation) => {
      const { ticket, categorization, retrieval } = event.payload;
      return [followUp(Topics.ticketsAssessed, event, 'assess', { ticket, categorization, retrieval, escalation })];
    },
  });
