import type { HandoffPacket, TicketAssessed } from '@triage/contracts';
import { analyzeText, customerText } from '@triage/signals';
import { bugReportOf } from './bug-report.ts';
import { describeSentiment } from './customer-sentiment.ts';
import { evidenceOf } from './evidence.ts';
import { hypothesisOf } from './hypothesis.ts';
import { openQuestionsOf } from './open-questions.ts';
import { localSummary } from './summary.ts';
import { triedOf } from './tried.ts';

export interface ComposeContext {
  now: Date;
  /** A hosted model's summary; the local extractive one is used without it. */
  summary?: string;
}

const MINUTE_MS = 60_000;

/** Everything the human who takes the ticket needs, so the customer is never asked twice. */
export const composePacket = (assessed: TicketAssessed, context: ComposeContext): HandoffPacket => {
  const { ticket, retrieval, escalation } = assessed;
  const { firstResponseDueAt, resolutionDueAt } = escalation.sla;
  const text = customerText(ticket);
  // An escalator from before the analysis travelled sent none: the text is read here instead, once.
  const analysis = assessed.textAnalysis ?? analyzeText(text);
  const bugReport = bugReportOf(ticket, text, analysis);
  return {
    summary: context.summary?.trim() || localSummary(assessed),
    evidence: evidenceOf(ticket, analysis.entities),
    tried: triedOf(ticket),
    hypothesis: hypothesisOf(assessed, analysis),
    openQuestions: openQuestionsOf(assessed, text, analysis),
    customerSentiment: describeSentiment(escalation),
    slaClock: {
      firstResponseDueAt,
      resolutionDueAt,
      // Negative once the first response is overdue; floored so "0" never hides a late reply.
      minutesToFirstResponse: Math.floor((Date.parse(firstResponseDueAt) - context.now.getTime()) / MINUTE_MS),
    },
    suggestedArticles: retrieval.solutions,
    ...(analysis.language ? { language: analysis.language } : {}),
    ...(bugReport ? { bugReport } : {}),
  };
};
