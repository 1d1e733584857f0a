import { NEEDS_TRIAGE, type TextAnalysis, type TicketAssessed } from '@triage/contracts';

const STEPS = /\bsteps?\b|\bto reproduce\b|\b(?:when|whenever|after|once) (?:I|we|you|users?)\b|^\s*(?:1[.)]|-|\*)\s/im;
const SINCE =
  /\bsince\b|\bago\b|\byesterday\b|\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening|week)\b|\blast (?:night|week|month|update|release)\b|\bstarted\b|\bbegan\b|\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i;

/** What the agent still has to ask, so the first reply asks it all at once. */
export const openQuestionsOf = (
  { ticket, categorization }: TicketAssessed,
  text: string,
  { signals, entities }: TextAnalysis,
): string[] => {
  const incident = categorization.kind === 'incident';
  const unclear = categorization.category === NEEDS_TRIAGE;
  const questions: string[] = [];
  if (incident && entities.errorCodes.length + entities.httpStatuses.length === 0 && !entities.stackTraceHead) {
    questions.push('What exact error message or code does the customer see?');
  }
  if (incident && !STEPS.test(text)) questions.push('What are the steps to reproduce it?');
  if (incident && ticket.affectedUsers === undefined && signals.broadScope.length === 0) {
    questions.push('How many users are affected: only this user, a team, or everyone?');
  }
  if (!ticket.productArea && (incident || unclear)) questions.push('Which product area or feature is involved?');
  if (incident && !SINCE.test(text)) questions.push('Since when has this been happening, and did anything change just before?');
  return questions;
};
