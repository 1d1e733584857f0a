import type { TicketRouted } from '@triage/contracts';
import { customerText, extractEntities } from '@triage/signals';
import type { ProblemTicket } from '@triage/store';

// A message the customer quotes from the screen: quotes that open after a space or colon (not the
// apostrophe of "can't") around 6 to 160 characters on one line.
const QUOTED = /(?<![\w])["“'‘]([^"“”'‘’\n]{6,160})["”'’](?![\w])/g;
const EXCERPT_CHARS = 400;

const unique = (values: string[]): string[] => {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    return v.length > 0 && seen.size < seen.add(key).size;
  });
};

/**
 * What identifies a fault in a ticket's words: error codes, exception names, the trace's head and
 * quoted messages. HTTP statuses are left out: a 500 on login and a 500 on export are not one fault.
 */
export const errorStringsOf = (text: string): string[] => {
  const entities = extractEntities(text);
  return unique([
    ...entities.errorCodes.map((e) => e.value),
    ...entities.exceptions.map((e) => e.value),
    ...(entities.stackTraceHead ? [entities.stackTraceHead] : []),
    ...[...text.matchAll(QUOTED)].map((m) => m[1]!.trim()),
  ]);
};

/** What the problem detector keeps of a routed ticket. */
export const problemTicketOf = ({ ticket, categorization }: TicketRouted): ProblemTicket => {
  const text = customerText(ticket);
  const entities = extractEntities(text);
  return {
    ticketId: ticket.id,
    customerId: ticket.customer.id,
    category: categorization.category,
    productArea: ticket.productArea ?? entities.productAreas[0]?.value ?? categorization.category,
    subject: ticket.subject,
    errorStrings: errorStringsOf(text),
    versions: unique(entities.versions.map((v) => v.value)),
    excerpt: ticket.body.slice(0, EXCERPT_CHARS),
    routedAt: ticket.receivedAt,
  };
};
