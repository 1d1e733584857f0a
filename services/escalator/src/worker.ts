import { Topics, type Escalation, type TextAnalysis } from '@triage/contracts';
import { createStageWorker, followUp, type Worker } from '@triage/runtime';
import { analyzeText, customerText, type SentimentAnalyzer } from '@triage/signals';
import type { Store } from '@triage/store';
import { assessTicket } from './assess.ts';
import type { EscalationPolicy } from './policy.ts';

export interface EscalatorDeps {
  store: Store;
  policy: EscalationPolicy;
  sentiment: SentimentAnalyzer;
  now?: () => Date;
}

/**
 * The recorded decision: the escalation and the text analysis it rests on, so a re-emitted decision
 * carries the same analysis. Decisions recorded before the analysis travelled have none.
 */
type Assessment = Escalation & { textAnalysis?: TextAnalysis };

/** tickets.retrieved → tickets.assessed: priority, tier, queue, SLA and the reasons for them. */
export const createEscalatorWorker = (deps: EscalatorDeps): Worker<typeof Topics.ticketsRetrieved> =>
  createStageWorker<typeof Topics.ticketsRetrieved, Assessment>('escalator', Topics.ticketsRetrieved, {
    stage: 'assess',
    store: deps.store,
    readers: 'next-stage',
    decide: (events) =>
      Promise.all(
        events.map(async ({ payload }): Promise<Assessment> => {
          const text = customerText(payload.ticket);
          const textAnalysis = analyzeText(text);
          const sentiment = await deps.sentiment.analyze(text);
          const escalation = assessTicket(payload, { policy: deps.policy, now: deps.now?.() ?? new Date(), sentiment, textAnalysis });
          return { ...escalation, textAnalysis };
        }),
      ),
    emit: (event, { textAnalysis, ...escalation }) => {
      const { ticket, categorization, retrieval } = event.payload;
      return [followUp(Topics.ticketsAssessed, event, 'assess', { ticket, categorization, retrieval, escalation, textAnalysis })];
    },
  });
