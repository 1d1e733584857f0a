import { NEEDS_TRIAGE, type TextAnalysis, type TicketAssessed } from '@triage/contracts';

/** A first guess for the agent to confirm or drop, built from category, best article and signals. */
export const hypothesisOf = ({ ticket, categorization, retrieval }: TicketAssessed, { signals, entities }: TextAnalysis): string => {
  const what =
    categorization.category === NEEDS_TRIAGE
      ? 'an issue of unclear category'
      : `${/^[aeiou]/i.test(categorization.category) ? 'an' : 'a'} ${categorization.category} ${categorization.kind === 'incident' ? 'incident' : 'request'}`;
  const parts = [what];
  if (signals.outage.length > 0) parts.push(`affecting availability (${signals.outage.join(', ')})`);
  const symptoms = [
    ...entities.errorCodes.map((c) => c.value),
    ...entities.httpStatuses.map((s) => `HTTP ${s.value}`),
    ...(entities.stackTraceHead ? [entities.stackTraceHead] : []),
  ];
  if (symptoms.length > 0) parts.push(`surfacing as ${symptoms.slice(0, 3).join(', ')}`);

  const best = retrieval.solutions[0];
  let known = '';
  if (best) {
    const alreadyShown = ticket.deflection?.articlesShown.some((a) => a.articleId === best.articleId) ?? false;
    known = alreadyShown
      ? `; "${best.title}" was already shown to the customer without success, so the cause probably lies elsewhere`
      : retrieval.selfServe
        ? `; probably the known issue in "${best.title}"`
        : `; possibly related to "${best.title}" (weak knowledge-base match)`;
  }
  return `Hypothesis (unconfirmed): ${parts.join(' ')}${known}.`;
};
