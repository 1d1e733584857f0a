import type { Ticket } from '@triage/contracts';

/**
 * Everything the customer wrote: subject, body and any comment left after self-service.
 * Typographic apostrophes are folded so "can’t" and "can't" match the same phrases.
 */
export const customerText = (ticket: Ticket): string =>
  [ticket.subject, ticket.body, ticket.deflection?.comment].filter(Boolean).join('\n').replaceAll('\u2019', "'");
